/**
 * Questionnaires as accessible HTML forms for the patient page, and the submitted fields back as a
 * QuestionnaireResponse: {@link org.fibroplan.web.internal.questionnaire.QuestionnaireForm} for the
 * template, {@link org.fibroplan.web.internal.questionnaire.FormAnswers} for a submission and
 * {@link org.fibroplan.web.internal.questionnaire.ItemErrors} for what was wrong with it. No storage,
 * no HTTP: the controller fetches and sends.
 */
package org.fibroplan.web.internal.questionnaire;

/**
 * Patient-reported outcomes: the instruments' answers validated, scored and announced. It owns the checks
 * on every stored QuestionnaireResponse against its Questionnaire (fhir-profiles/), one scorer per
 * instrument turning answers into Observations, and directly posted scores. Public API: the events
 * {@link org.fibroplan.pro.ProRecorded} and {@link org.fibroplan.pro.ScoreRecorded}, published in the storing transaction.
 */
package org.fibroplan.pro;

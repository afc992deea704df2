/**
 * Patient-reported outcomes: the instruments (Questionnaires in fhir-profiles/), validation of the
 * QuestionnaireResponses patients submit, and (next) one scorer per instrument with Observation extraction.
 */
package org.fibroplan.pro;

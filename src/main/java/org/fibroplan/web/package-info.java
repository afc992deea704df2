/**
 * The web pages: the clinician workspace (/app: the panel with the work queue and patient search,
 * patient view, plan editing and approval, delivery status) and the patient page (/app/patient: questionnaires due, the active plan).
 * Server-rendered (Thymeleaf, htmx from webjars). The pages log in through the configured identity
 * provider like any other OAuth2 client and do every read and write through the FHIR API with the
 * signed-in user's token, so authorization, validation and audit are exactly those of the API; only the
 * assessment of a patient the user has just read that way comes in Java, from
 * {@link org.fibroplan.careplan.CarePlans}. No public API: nothing else depends on this module.
 */
package org.fibroplan.web;

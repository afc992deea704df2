/**
 * The clinician's panel at /app: the work queue (open clinician-review Tasks, read priority by priority
 * and paged, each row drawn from its Task and the included Patient) and, below it, every patient by
 * name, searchable by name or MRN. Every read is a bounded FHIR search made with the clinician's token,
 * so the page costs the same whatever the number of patients.
 */
package org.fibroplan.web.internal.panel;

/**
 * The FHIR server: HAPI's JPA server mounted at /fhir, its storage (H2 by default, PostgreSQL in the
 * {@code postgres} profile), the project's FHIR package from fhir-profiles/, and validation of writes
 * that claim (or must meet) one of the project's profiles.
 *
 * <p>Other modules use it through HAPI's own beans (DAOs, {@code FhirContext}, the interceptor service)
 * and its public API: {@link org.fibroplan.fhir.FhirServerCustomizer}, {@link org.fibroplan.fhir.ResourceChanges},
 * {@link org.fibroplan.fhir.ConformantWrites}, {@link org.fibroplan.fhir.NarrativeAllowList} and
 * {@link org.fibroplan.fhir.FhirServerProperties}; everything in {@code internal} is private.
 */
package org.fibroplan.fhir;

package org.fibroplan.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the FHIR server, under {@code fibroplan.fhir}.
 *
 * @param profileValidation validate writes against the project's profiles (default on; off only to
 *     measure what validation costs)
 * @param profilePackage where the project's FHIR package is read from at start
 * @param defaultPageSize search page size when the client asks for none
 * @param maxPageSize the largest page a client may ask for
 */
@ConfigurationProperties("fibroplan.fhir")
public record FhirServerProperties(
		@DefaultValue("true") boolean profileValidation,
		@DefaultValue("classpath:fhir-profiles/") String profilePackage,
		@DefaultValue("20") int defaultPageSize,
		@DefaultValue("200") int maxPageSize) {}

package org.fibroplan.fhir;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the FHIR server, under {@code fibroplan.fhir}.
 *
 * @param profileValidation validate writes against the project's profiles (default on; off only to
 *     measure what validation costs)
 * @param profilePackage where the project's FHIR package is read from at start
 * @param defaultPageSize search page size when the client asks for none
 * @param maxPageSize the largest page a client may ask for
 * @param maxRequestBytes the largest request body /fhir accepts, counted as read (413 beyond it)
 * @param maxRepetitions the most items one JSON array or one run of repeated XML elements may hold in a
 *     request body (413 beyond it): a small body must not turn into tens of thousands of index rows
 * @param definitionRefresh how often each instance checks the database for definitions written by
 *     another instance sharing it (a change is used everywhere within about this long)
 */
@ConfigurationProperties("fibroplan.fhir")
public record FhirServerProperties(
		@DefaultValue("true") boolean profileValidation,
		@DefaultValue("classpath:fhir-profiles/") String profilePackage,
		@DefaultValue("20") int defaultPageSize,
		@DefaultValue("200") int maxPageSize,
		@DefaultValue("2MB") DataSize maxRequestBytes,
		@DefaultValue("10000") int maxRepetitions,
		@DefaultValue("5s") Duration definitionRefresh) {}

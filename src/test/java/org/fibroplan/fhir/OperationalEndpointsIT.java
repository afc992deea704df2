package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.fibroplan.FhirIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** What operators and integrators reach besides the FHIR API itself. */
class OperationalEndpointsIT extends FhirIntegrationTest {

	@Autowired
	TestRestTemplate http;

	@Test
	void readinessIsUpOnceThePackageIsInstalled() {
		var readiness = http.getForEntity("/actuator/health/readiness", String.class);
		assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(readiness.getBody()).contains("\"UP\"");
		// once ready, /fhir answers (before, NotReadyFilter answers 503: NotReadyFilterTest)
		var metadata = http.getForEntity("/fhir/metadata", String.class);
		assertThat(metadata.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(metadata.getBody()).contains("http://fibroplan.org/fhir/StructureDefinition/fm-pain-score");
	}

	@Test
	void theFhirApiIsDescribedAsOpenApiWithASwaggerUiForTokenHolders() {
		var headers = new org.springframework.http.HttpHeaders();
		headers.setBearerAuth(org.fibroplan.Tokens.systemToken(port()));
		var apiDocs = http.exchange("/fhir/api-docs", org.springframework.http.HttpMethod.GET,
				new org.springframework.http.HttpEntity<>(headers), String.class);
		assertThat(apiDocs.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(apiDocs.getBody()).contains("openapi").contains("/Observation");
		assertThat(http.exchange("/fhir/swagger-ui/", org.springframework.http.HttpMethod.GET,
				new org.springframework.http.HttpEntity<>(headers), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(http.getForEntity("/fhir/api-docs", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void metadataIsAvailableAsJsonAndXml() {
		assertThat(http.getForEntity("/fhir/metadata?_format=json", String.class).getBody())
				.contains("CapabilityStatement").containsPattern("\"fhirVersion\"\\s*:\\s*\"4.0.1\"");
		assertThat(http.getForEntity("/fhir/metadata?_format=xml", String.class).getBody())
				.contains("<fhirVersion value=\"4.0.1\"/>");
	}

	@Test
	void aMalformedResourceGetsAnOperationOutcomeNotAStackTrace() {
		var headers = new org.springframework.http.HttpHeaders();
		headers.set("Content-Type", "application/fhir+json");
		headers.setBearerAuth(org.fibroplan.Tokens.systemToken(port()));
		var response = http.postForEntity("/fhir/Observation",
				new org.springframework.http.HttpEntity<>("{\"resourceType\":\"Observation\",\"status\":", headers), String.class);
		assertThat(response.getStatusCode().is4xxClientError()).isTrue();
		assertThat(response.getBody()).contains("OperationOutcome");
	}
}

package org.fibroplan;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import testsupport.ehr.EhrSandbox;

/**
 * Base of every integration test on the default (H2) storage. All subclasses share one Spring context,
 * so the JPA server starts once per test run: add no @DirtiesContext, @MockBean or extra properties here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ProEventsRecorder.class)
public abstract class FhirIntegrationTest implements FhirServerUnderTest {

	@LocalServerPort
	private int port;

	/** The EHR sandbox the test configuration's delivery targets point at. */
	@DynamicPropertySource
	static void ehrSandbox(DynamicPropertyRegistry registry) {
		registry.add("ehr.sandbox.root", EhrSandbox::root);
		registry.add("ehr.sandbox.outage-root", EhrSandbox::outageRoot);
	}

	@Override
	public int port() {
		return port;
	}

	@Override
	public IGenericClient fhir() {
		return SystemClient.forPort(port);
	}

	/** A FHIR client that presents the given bearer token (or none, when null). */
	public static IGenericClient client(int port, String bearerToken) {
		FhirContext context = FhirContext.forR4Cached();
		context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		// A cold server's first answer (validator and rules warming up) can take longer than HAPI's 10 s on a busy 2-core machine.
		context.getRestfulClientFactory().setSocketTimeout(60_000);
		IGenericClient client = context.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		if (bearerToken != null) {
			client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken));
		}
		return client;
	}
}

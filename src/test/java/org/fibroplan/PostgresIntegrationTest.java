package org.fibroplan;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import testsupport.ehr.EhrSandbox;

/**
 * Base of integration tests on the real PostgreSQL server, through the production {@code postgres}
 * profile. All subclasses share this one second context: keep its configuration exactly as it is.
 */
@ExtendWith(RequiresPostgres.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "postgres"})
public abstract class PostgresIntegrationTest implements FhirServerUnderTest {

	/** The token signing key this context shares with {@link SecondInstance}, as instances behind one load balancer do. */
	static final String SIGNING_KEY = "file:docs/demo-keys/demo-signing-key.pem";

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", PostgresTestDatabase::url);
		registry.add("spring.datasource.username", PostgresTestDatabase::user);
		registry.add("spring.datasource.password", () -> "");
		registry.add("ehr.sandbox.root", EhrSandbox::root);
		registry.add("ehr.sandbox.outage-root", EhrSandbox::outageRoot);
		registry.add("fibroplan.security.signing-key", () -> SIGNING_KEY);
	}

	@Override
	public int port() {
		return port;
	}

	@Override
	public ca.uhn.fhir.rest.client.api.IGenericClient fhir() {
		return SystemClient.forPort(port);
	}
}

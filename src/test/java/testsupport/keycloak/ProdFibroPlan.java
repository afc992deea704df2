package testsupport.keycloak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * FibroPlan as it is deployed: the packaged jar in its own JVM, the prod profile (no embedded identity),
 * trusting the test Keycloak's realm. Its own in-memory H2 database and a free port; started once per
 * test JVM. A separate process, so the tests' shared Spring context stays the only one in the test JVM.
 */
public final class ProdFibroPlan {

	/** The audience the realm export's audience mapper puts into every FibroPlan token. */
	public static final String AUDIENCE = "http://localhost:8080/fhir";

	/** Where the realm expects FibroPlan's pages (client fibroplan-web's redirect URIs): the load balancer's address. */
	static final String PAGES_BASE = "http://localhost:8080";

	private static ServerProcess process;
	private static int port;
	private static Duration startTime;

	private ProdFibroPlan() {}

	static synchronized void launch(String issuer) {
		if (process != null) {
			return;
		}
		Path jar = Path.of(System.getProperty("fibroplan.jar", "target/missing.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No FibroPlan jar at " + jar + " (run the tests with mvn verify, which packages it first)");
		}
		port = ServerProcess.freePort();
		process = ServerProcess.start("FibroPlan (prod profile)",
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toAbsolutePath().toString(),
						"--spring.profiles.active=prod",
						"--server.port=" + port,
						"--spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
						"--spring.datasource.username=sa",
						"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
						"--fibroplan.security.audience=" + AUDIENCE,
						// the pages sign in through Keycloak; endpoints named, not discovered, so start need not wait for Keycloak
						"--spring.security.oauth2.client.provider.keycloak.authorization-uri=" + issuer + "/protocol/openid-connect/auth",
						"--spring.security.oauth2.client.provider.keycloak.token-uri=" + issuer + "/protocol/openid-connect/token",
						"--spring.security.oauth2.client.provider.keycloak.jwk-set-uri=" + issuer + "/protocol/openid-connect/certs",
						"--spring.security.oauth2.client.provider.keycloak.user-info-uri=" + issuer + "/protocol/openid-connect/userinfo",
						"--spring.security.oauth2.client.provider.keycloak.user-name-attribute=sub",
						"--spring.security.oauth2.client.registration.clinician.provider=keycloak",
						"--spring.security.oauth2.client.registration.clinician.client-id=fibroplan-web",
						"--spring.security.oauth2.client.registration.clinician.client-secret=web-secret",
						"--spring.security.oauth2.client.registration.clinician.authorization-grant-type=authorization_code",
						"--spring.security.oauth2.client.registration.clinician.redirect-uri=" + PAGES_BASE + "/login/oauth2/code/clinician",
						"--spring.security.oauth2.client.registration.clinician.scope=openid,fhirUser,user/*.cruds"),
				jar.getParent(), Map.of(), jar.resolveSibling("fibroplan-prod.log"));
	}

	static synchronized void awaitReady(Duration timeout) {
		if (startTime == null) {
			startTime = process.awaitReady(base() + "/fhir/metadata", timeout);
			System.out.println("FibroPlan (prod profile) ready at " + base() + ", launched " + startTime.toSeconds() + " s before");
		}
	}

	public static int port() {
		return port;
	}

	public static String base() {
		return "http://localhost:" + port;
	}
}

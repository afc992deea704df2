package testsupport.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Keycloak (the distribution Maven unpacks into target/keycloak) with FibroPlan's realm export
 * (docker/keycloak/fibroplan-realm.json), in dev mode on a free port with its own H2 database, started
 * once per test JVM and stopped when it exits.
 */
public final class Keycloak {

	/** The realm in docker/keycloak/fibroplan-realm.json. */
	public static final String REALM = "fibroplan";

	private static ServerProcess process;
	private static String base;
	private static Duration startTime;

	private Keycloak() {}

	/** Starts Keycloak without waiting for it; at most once per JVM. */
	static synchronized void launch() {
		if (process != null) {
			return;
		}
		Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/missing"));
		Path realm = Path.of(System.getProperty("keycloak.realm", "docker/keycloak/fibroplan-realm.json"));
		if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
			throw new IllegalStateException("No Keycloak distribution at " + home
					+ " (Maven unpacks it in pre-integration-test: run the tests with mvn verify)");
		}
		try {
			// a fresh database each run, so the realm is imported as the export says, not as a previous run left it
			deleteRecursively(home.resolve("data"));
			Files.createDirectories(home.resolve("data/import"));
			Files.copy(realm, home.resolve("data/import/" + realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		int port = ServerProcess.freePort();
		base = "http://localhost:" + port;
		process = ServerProcess.start("Keycloak",
				List.of("bash", "bin/kc.sh", "start-dev", "--import-realm", "--http-port=" + port,
						"--http-management-port=" + ServerProcess.freePort()),
				home,
				Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m"),
				home.resolveSibling("keycloak.log"));
	}

	/** Waits until the realm's discovery document is served. */
	static synchronized void awaitReady(Duration timeout) {
		if (startTime == null) {
			startTime = process.awaitReady(realmUrl() + "/.well-known/openid-configuration", timeout);
			System.out.println("Keycloak ready at " + base + ", launched " + startTime.toSeconds() + " s before");
		}
	}

	/** The realm's issuer URL, e.g. http://localhost:PORT/realms/fibroplan. */
	public static String realmUrl() {
		return base + "/realms/" + REALM;
	}

	/** From launch to the first readiness check that succeeded (an upper bound when launched early). */
	public static Duration startTime() {
		return startTime;
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}
}

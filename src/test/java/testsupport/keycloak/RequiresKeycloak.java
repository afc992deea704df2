package testsupport.keycloak;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the test Keycloak and a prod-profile FibroPlan that trusts it, side by side (FibroPlan reads
 * the issuer's keys on its first token, so it need not wait for Keycloak), once per test JVM. Under CI
 * (CI=true) a Keycloak or FibroPlan that cannot start fails the class; elsewhere it is skipped and says why.
 */
public class RequiresKeycloak implements BeforeAllCallback {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	private static String problem;
	private static boolean ready;

	/** Starts both processes without waiting for them (also called by {@link EarlyStart}). */
	static synchronized void launch() {
		if (problem != null) {
			return;
		}
		try {
			Keycloak.launch();
			ProdFibroPlan.launch(Keycloak.realmUrl());
		} catch (RuntimeException e) {
			problem = e.getMessage();
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		synchronized (RequiresKeycloak.class) {
			launch();
			if (problem == null && !ready) {
				try {
					Keycloak.awaitReady(START_TIMEOUT);
					ProdFibroPlan.awaitReady(START_TIMEOUT);
					ready = true;
				} catch (RuntimeException e) {
					problem = e.getMessage();
				}
			}
		}
		if (problem == null) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(problem + "\n-- CI=true, so the Keycloak tests must run.");
		}
		Assumptions.abort(problem + "\n-- skipping the Keycloak tests (they fail instead when CI=true).");
	}
}

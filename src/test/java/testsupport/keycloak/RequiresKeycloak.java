package testsupport.keycloak;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the test Keycloak and a prod-profile FibroPlan that trusts it, side by side (FibroPlan reads
 * the issuer's keys on its first token, so it need not wait for Keycloak). Under CI (CI=true) a
 * Keycloak or FibroPlan that cannot start fails the build; elsewhere the class is skipped and says why.
 */
public class RequiresKeycloak implements BeforeAllCallback {

	private static String problem;

	@Override
	public void beforeAll(ExtensionContext context) {
		synchronized (RequiresKeycloak.class) {
			if (problem == null && Keycloak.startTime() == null) {
				try {
					Keycloak.launch();
					ProdFibroPlan.launch(Keycloak.realmUrl());
					Keycloak.awaitReady(Duration.ofMinutes(4));
					ProdFibroPlan.awaitReady(Duration.ofMinutes(4));
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

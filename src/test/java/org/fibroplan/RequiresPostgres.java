package org.fibroplan;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only against a reachable PostgreSQL. Under CI (CI=true) a missing server fails the
 * build; on a developer's machine the class is skipped and says why.
 */
public class RequiresPostgres implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		String problem = PostgresTestDatabase.unavailableBecause();
		if (problem == null) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(problem + " -- CI=true, so the PostgreSQL tests must run.");
		}
		Assumptions.abort(problem + " -- skipping the PostgreSQL tests (they fail instead when CI=true).");
	}
}

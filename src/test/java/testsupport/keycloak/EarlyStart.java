package testsupport.keycloak;

import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * When the test run includes a class that needs Keycloak, launches Keycloak and the prod-profile
 * FibroPlan as the run begins, so their minute of start-up overlaps the other classes instead of being
 * waited for ({@link RequiresKeycloak} then only waits for readiness). Registered in
 * META-INF/services; does nothing for runs without such a class.
 */
public class EarlyStart implements TestExecutionListener {

	@Override
	public void testPlanExecutionStarted(TestPlan plan) {
		boolean needed = plan.getRoots().stream()
				.flatMap(root -> plan.getDescendants(root).stream())
				.flatMap(test -> test.getSource().stream())
				.filter(ClassSource.class::isInstance)
				.map(source -> ((ClassSource) source).getJavaClass())
				.anyMatch(EarlyStart::needsKeycloak);
		if (needed) {
			RequiresKeycloak.launch();
		}
	}

	private static boolean needsKeycloak(Class<?> testClass) {
		ExtendWith extensions = testClass.getAnnotation(ExtendWith.class);
		return extensions != null && Arrays.asList(extensions.value()).contains(RequiresKeycloak.class);
	}
}

package org.fibroplan;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import testsupport.ehr.EhrSandbox;

/**
 * A second FibroPlan, a real separate process ({@code java -jar} on the packaged jar), on the PostgreSQL
 * database of the {@link PostgresIntegrationTest} context, with the same signing key: the two are the
 * instances behind one load balancer. Started once per test run, by whoever needs it first; stopped when
 * the JVM exits (or killed by a test that needs it dead, and then started afresh if asked for again).
 *
 * <p>The clients' address is the first instance's: a load balancer passes it on to every instance in the
 * Host header, and the second one, reached here at its own port, is told it with
 * {@code fibroplan.security.issuer} instead, so both sign and accept tokens for the same issuer.
 */
public final class SecondInstance implements FhirServerUnderTest {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
	private static SecondInstance running;

	private final Process process;
	private final int port;

	private SecondInstance(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** The running second instance beside the context at {@code firstPort}, started if none is. */
	public static synchronized SecondInstance beside(int firstPort) {
		if (running == null || !running.process.isAlive()) {
			running = start(firstPort);
		}
		return running;
	}

	@Override
	public int port() {
		return port;
	}

	@Override
	public IGenericClient fhir() {
		return SystemClient.forPort(port);
	}

	public long pid() {
		return process.pid();
	}

	/** kill -9: no shutdown, no goodbye to the database, as when a machine dies. */
	public void kill() {
		process.destroyForcibly();
		try {
			process.waitFor();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static SecondInstance start(int firstPort) {
		File jar = new File("target/fibroplan-0.1.0-SNAPSHOT.jar");
		if (!jar.isFile()) {
			throw new IllegalStateException(jar + " is missing: the second instance runs the packaged jar (mvn verify packages it first)");
		}
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(
				ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.getPath(),
				"--server.port=" + port,
				"--spring.profiles.active=test,postgres",
				// application-test.yml: the same users, EHR targets and delivery pace as this context
				"--spring.config.additional-location=optional:file:target/test-classes/",
				"--spring.datasource.url=" + PostgresTestDatabase.url(),
				"--spring.datasource.username=" + PostgresTestDatabase.user(),
				"--spring.datasource.password=",
				"--spring.datasource.hikari.maximum-pool-size=8",
				"--ehr.sandbox.root=" + EhrSandbox.root(),
				"--ehr.sandbox.outage-root=" + EhrSandbox.outageRoot(),
				"--fibroplan.security.signing-key=" + PostgresIntegrationTest.SIGNING_KEY,
				"--fibroplan.security.issuer=http://localhost:" + firstPort,
				"--logging.level.root=warn",
				"--logging.level.org.fibroplan=info"));
		File log = new File("target/second-instance.log");
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		} catch (IOException e) {
			throw new IllegalStateException("Cannot start the second instance: " + command, e);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
		awaitReady(process, port, log);
		return new SecondInstance(process, port);
	}

	private static void awaitReady(Process process, int port, File log) {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(5)).build();
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The second instance exited with " + process.exitValue() + "; see " + log);
			}
			try {
				if (http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
					return;
				}
			} catch (IOException e) {
				// not listening yet
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			sleep(500);
		}
		process.destroyForcibly();
		throw new IllegalStateException("The second instance was not ready within " + START_TIMEOUT + "; see " + log);
	}

	/** A graceful stop, so it lets go of the test database before the run drops it. */
	private static void stop(Process process) {
		if (!process.isAlive()) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		} catch (InterruptedException e) {
			process.destroyForcibly();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

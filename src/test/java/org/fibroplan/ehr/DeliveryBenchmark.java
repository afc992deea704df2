package org.fibroplan.ehr;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.FhirServerUnderTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import testsupport.ehr.EhrSandbox;

/**
 * The delivery benchmark (run by bench/delivery.sh, not by the test suite): starts the EHR sandbox in this
 * JVM and FibroPlan from its jar with the sandbox's second port as its one EHR target, then
 * (1) approves plans with the EHR up and measures how fast they are delivered, and (2) approves a backlog
 * with the EHR down, brings it up and measures the time to drain it. Counts what the EHR holds afterwards:
 * every plan once (0 lost) and every Provenance written once (0 duplicated).
 * Args: fibroplanJar steadyPlans backlogPlans clients [extra FibroPlan arguments...]
 */
public final class DeliveryBenchmark {


	public static void main(String[] args) throws Exception {
		String jar = args[0];
		int steady = Integer.parseInt(args[1]);
		int backlog = Integer.parseInt(args[2]);
		int clients = Integer.parseInt(args[3]);
		EhrSandbox.root();
		int port = 18090;
		Path data = Files.createTempDirectory("fibroplan-bench");
		List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-jar", jar,
				"--server.port=" + port,
				// Demo seeding in the background would be measured along with the deliveries.
				"--fibroplan.demo.enabled=false",
				"--spring.datasource.url=jdbc:h2:file:" + data + "/fibroplan",
				"--fibroplan.ehr.targets[0].name=bench-ehr",
				"--fibroplan.ehr.targets[0].base-url=" + EhrSandbox.outageRoot() + "/flaky/fhir",
				"--fibroplan.ehr.targets[0].mode=fhir",
				"--fibroplan.ehr.targets[0].patient-identifier-system=" + DeliveryStory.FLAKY,
				"--fibroplan.ehr.delivery.max-attempts=1000",
				"--fibroplan.ehr.delivery.initial-backoff=1s",
				"--fibroplan.ehr.delivery.max-backoff=10s"));
		for (int i = 4; i < args.length; i++) {
			command.add(args[i]);
		}
		Process fibroplan = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(data + "/fibroplan.log")).start();
		try {
			awaitReady(port);
			FhirServerUnderTest server = new FhirServerUnderTest() {
				private IGenericClient client;
				private long fetched;

				public int port() {
					return port;
				}

				public synchronized IGenericClient fhir() {
					if (client == null || System.nanoTime() - fetched > 60_000_000_000L) { // tokens last 5 minutes
						client = FhirIntegrationTest.client(port, Tokens.systemToken(port));
						fetched = System.nanoTime();
					}
					return client;
				}
			};
			long t0 = System.nanoTime();
			approve(server, steady, clients);
			double approvedAfter = seconds(t0);
			awaitDelivered(server, steady);
			double deliveredAfter = seconds(t0);
			System.out.printf(Locale.ROOT, "steady: plans=%d clients=%d approvals_per_s=%.1f all_delivered_s=%.1f delivered_per_s=%.1f%n",
					steady, clients, steady / approvedAfter, deliveredAfter, steady / deliveredAfter);

			EhrSandbox.outage();
			long b0 = System.nanoTime();
			approve(server, backlog, clients);
			double backlogBuilt = seconds(b0);
			EhrSandbox.restore();
			long up = System.nanoTime();
			awaitDelivered(server, steady + backlog);
			double drained = seconds(up);
			System.out.printf(Locale.ROOT, "backlog: plans=%d approved_during_outage_s=%.1f drain_after_ehr_up_s=%.1f drain_per_s=%.1f%n",
					backlog, backlogBuilt, drained, backlog / drained);

			int plans = steady + backlog;
			int carePlans = count("CarePlan?_summary=count");
			int provenance = count("Provenance?_summary=count");
			int provenanceVersions = DeliveryStory.ehr().history().onType("Provenance").returnBundle(Bundle.class).count(1).execute().getTotal();
			System.out.printf(Locale.ROOT, "ehr: approved=%d careplans=%d provenance=%d provenance_versions=%d lost=%d duplicated=%d%n",
					plans, carePlans, provenance, provenanceVersions, plans - carePlans, (carePlans - plans) + (provenanceVersions - provenance));
		} catch (Throwable e) {
			e.printStackTrace();
			fibroplan.destroy();
			System.exit(1);
		}
		fibroplan.destroy();
		fibroplan.waitFor();
		System.exit(0);
	}

	private static void approve(FhirServerUnderTest server, int plans, int clients) throws Exception {

		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> done = new ArrayList<>();
		for (int i = 0; i < plans; i++) {
			int pain = 4 + i % 6;
			done.add(pool.submit(() -> {
				DeliveryStory story = new DeliveryStory(server, DeliveryStory.FLAKY);
				story.knownToTheEhr();
				story.approvedPlan(pain);
				return null;
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		pool.shutdown();
	}

	private static void awaitDelivered(FhirServerUnderTest server, int expected) throws InterruptedException {
		while (true) {
			Bundle completed = server.fhir().search()
					.byUrl("Task?code=http://fibroplan.org/fhir/CodeSystem/plan-event|ehr-push&status=completed&_summary=count")
					.returnBundle(Bundle.class).execute();
			Bundle failed = server.fhir().search()
					.byUrl("Task?code=http://fibroplan.org/fhir/CodeSystem/plan-event|ehr-push&status=failed,cancelled&_summary=count")
					.returnBundle(Bundle.class).execute();
			if (failed.getTotal() > 0) {
				throw new IllegalStateException(failed.getTotal() + " deliveries failed or were cancelled");
			}
			if (completed.getTotal() >= expected) {
				return;
			}
			Thread.sleep(100);
		}
	}

	private static int count(String search) {
		return DeliveryStory.ehr().search().byUrl(search).returnBundle(Bundle.class).execute().getTotal();
	}

	private static void awaitReady(int port) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (int i = 0; i < 600; i++) {
			try {
				if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			} catch (java.io.IOException notYet) {
				// starting
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("FibroPlan did not start");
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}
}

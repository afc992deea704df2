package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.fibroplan.FhirServerUnderTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * An EHR integration upserts its patients with {@code PUT Patient?identifier=system|value}: however many
 * such requests race, one Patient is stored; the others update it (200) or are told to retry (409/412 with
 * an OperationOutcome), never a 5xx. Run on H2 ({@link ConditionalUpsertOnH2IT}) and on PostgreSQL
 * ({@link ConditionalUpsertOnPostgresIT}).
 */
public interface ConditionalUpsertStories extends FhirServerUnderTest {

	int ROUNDS = 8;
	int PARALLEL = 10;
	String SYSTEM = "urn:fibroplan:test-upsert";

	@Test
	default void parallelConditionalUpdatesOfOneNewIdentifierStoreOnePatient() throws Exception {
		raceRounds(false, List.of(200, 201, 409, 412));
	}

	/** A clinician or an app that knows only the MRN's value finds the patient (the unique index serves writes, not this search). */
	@Test
	default void aPatientIsFoundByItsIdentifiersValueAloneAndByItsSystemAndValue() {
		String value = "MRN-" + UUID.randomUUID();
		fhir().create().resource(new Patient().addIdentifier(new org.hl7.fhir.r4.model.Identifier().setSystem(SYSTEM).setValue(value))).execute();
		for (String search : List.of("Patient?identifier=" + value, "Patient?identifier=" + SYSTEM + "|" + value)) {
			assertThat(fhir().search().byUrl(search).returnBundle(Bundle.class).execute().getEntry()).as(search).hasSize(1);
		}
	}

	/** HAPI's X-Retry-On-Version-Conflict: the losers are retried on the server, find the winner and update it. */
	@Test
	default void withRetryRequestedTheLosersUpdateTheWinner() throws Exception {
		raceRounds(true, List.of(200, 201));
	}

	private void raceRounds(boolean retry, List<Integer> expectedStatuses) throws Exception {
		String token = Tokens.systemToken(port());
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
		Map<Integer, Integer> statuses = new TreeMap<>();
		List<String> duplicates = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		try {
			for (int round = 0; round < ROUNDS; round++) {
				String value = UUID.randomUUID().toString();
				List<HttpResponse<String>> responses = race(http, pool, token, value, retry);
				for (HttpResponse<String> response : responses) {
					statuses.merge(response.statusCode(), 1, Integer::sum);
					if (!expectedStatuses.contains(response.statusCode())) {
						problems.add("round " + round + ": " + response.statusCode() + " " + response.body());
					} else if (response.statusCode() >= 400 && !(FhirContext.forR4Cached().newJsonParser()
							.parseResource(response.body()) instanceof OperationOutcome)) {
						problems.add("round " + round + ": a refusal without an OperationOutcome: " + response.body());
					} else if (response.statusCode() >= 400 && response.body().toUpperCase(java.util.Locale.ROOT).contains("HFJ_")) {
						problems.add("round " + round + ": a refusal that shows the database's SQL: " + response.body());
					}
				}
				long created = responses.stream().filter(r -> r.statusCode() == 201).count();
				int stored = fhir().search().byUrl("Patient?identifier=" + SYSTEM + "|" + value + "&_total=accurate")
						.returnBundle(Bundle.class).execute().getTotal();
				if (stored != 1 || created != 1) {
					duplicates.add("round " + round + ": " + stored + " Patients stored, " + created + " answers 201");
				}
			}
		} finally {
			pool.shutdownNow();
		}
		System.out.println("Conditional upsert race" + (retry ? " (retry requested)" : "") + ", " + ROUNDS + " rounds of " + PARALLEL + ": statuses " + statuses
				+ ", duplicates " + duplicates);
		assertThat(duplicates).as("rounds that did not store exactly one Patient (statuses %s)", statuses).isEmpty();
		assertThat(problems).as("answers other than %s (refusals with an OperationOutcome)", expectedStatuses).isEmpty();
	}

	/** PARALLEL conditional updates of one identifier, released at the same moment. */
	private List<HttpResponse<String>> race(HttpClient http, ExecutorService pool, String token, String value,
			boolean retry) throws Exception {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(SYSTEM).setValue(value);
		patient.addName().setFamily("Upserted").addGiven("Test");
		String body = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(patient);
		URI uri = URI.create("http://localhost:" + port() + "/fhir/Patient?identifier=" + SYSTEM + "%7C" + value);
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
		for (int i = 0; i < PARALLEL; i++) {
			futures.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
					HttpRequest.Builder request = HttpRequest.newBuilder(uri);
					if (retry) {
						request.header("X-Retry-On-Version-Conflict", "retry; max-retries=" + PARALLEL);
					}
					return http.send(request
									.header("Authorization", "Bearer " + token)
									.header("Content-Type", "application/fhir+json")
									.header("Accept", "application/fhir+json")
									.PUT(HttpRequest.BodyPublishers.ofString(body))
									.timeout(Duration.ofSeconds(60))
									.build(),
							HttpResponse.BodyHandlers.ofString());
				} catch (Exception e) {
					throw new IllegalStateException(e);
				}
			}, pool));
		}
		start.countDown();
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> future : futures) {
			responses.add(future.get(90, TimeUnit.SECONDS));
		}
		return responses;
	}
}

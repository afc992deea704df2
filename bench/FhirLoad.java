import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for the bench scripts: N concurrent clients POST valid resources of one kind, request i
 * for patient i mod n of the given patients, and report throughput and latency percentiles. JDK only, run
 * as `java bench/FhirLoad.java`. Args: baseUrl kind patientIds(comma-separated) clients requests warmup
 * bearerToken, where baseUrl may be several, comma-separated (requests go round robin, as a load
 * balancer sends them, each patient's to every instance in turn) and kind is
 * pain-score (an Observation), peg (a completed PEG QuestionnaireResponse) or peg-bare (for a bare HAPI
 * server: the same answer and the PEG score Observation derived from it, stored together in one
 * transaction Bundle, which is what storing "only the answer and its score" costs without FibroPlan). With LATENCIES_FILE set, each
 * measured latency (ms) is appended to that file.
 */
public class FhirLoad {

	static String token;
	static String kind;

	public static void main(String[] args) throws Exception {
		String[] base = args[0].split(",");
		kind = args[1];
		String[] patients = args[2].split(",");
		int clients = Integer.parseInt(args[3]);
		int requests = Integer.parseInt(args[4]);
		int warmup = Integer.parseInt(args[5]);
		token = args[6];
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		run(http, base, patients, clients, warmup);
		long start = System.nanoTime();
		List<Long> latencies = run(http, base, patients, clients, requests);
		double seconds = (System.nanoTime() - start) / 1e9;

		// Raw latencies appended to a file let a script pool interleaved rounds into one distribution.
		String keep = System.getenv("LATENCIES_FILE");
		if (keep != null && !keep.isBlank()) {
			StringBuilder lines = new StringBuilder();
			latencies.forEach(ns -> lines.append(ns / 1e6).append('\n'));
			Files.writeString(Path.of(keep), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		Collections.sort(latencies);
		System.out.printf(Locale.ROOT, "requests=%d clients=%d seconds=%.2f throughput=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f%n",
				latencies.size(), clients, seconds, latencies.size() / seconds,
				pct(latencies, 50), pct(latencies, 95), pct(latencies, 99));
	}

	static List<Long> run(HttpClient http, String[] bases, String[] patients, int clients, int total) throws Exception {
		// Daemon threads: a refused request ends the run with its message instead of leaving the JVM waiting.
		ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
			Thread t = new Thread(r);
			t.setDaemon(true);
			return t;
		});
		AtomicInteger next = new AtomicInteger();
		List<Future<List<Long>>> futures = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			futures.add(pool.submit(() -> {
				List<Long> mine = new ArrayList<>();
				int i;
				while ((i = next.getAndIncrement()) < total) {
					String patient = patients[i % patients.length];
					// round robin, shifted each pass over the patients so a patient's answers land on every instance in turn
					String base = bases[(i + i / patients.length) % bases.length];
					String path = switch (kind) {
						case "peg" -> "/QuestionnaireResponse";
						case "peg-bare" -> "";
						default -> "/Observation";
					};
					String body = switch (kind) {
						case "peg" -> peg(patient, i);
						case "peg-bare" -> pegWithScore(patient, i);
						default -> painScore(patient, i);
					};
					HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
							.header("Content-Type", "application/fhir+json")
							.header("Authorization", "Bearer " + token)
							.POST(HttpRequest.BodyPublishers.ofString(body))
							.build();
					long t0 = System.nanoTime();
					HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
					mine.add(System.nanoTime() - t0);
					if (response.statusCode() != ("peg-bare".equals(kind) ? 200 : 201)) {
						throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
					}
				}
				return mine;
			}));
		}
		List<Long> all = new ArrayList<>();
		for (Future<List<Long>> f : futures) {
			all.addAll(f.get());
		}
		pool.shutdown();
		return all;
	}

	static String painScore(String patient, int i) {
		String[] sites = {"287679003", "287579007", "37822005"};
		return """
				{"resourceType":"Observation","status":"final",
				 "code":{"coding":[{"system":"http://loinc.org","code":"72514-3"}]},
				 "subject":{"reference":"Patient/%s"},
				 "effectiveDateTime":"2025-%02d-%02dT08:00:00Z",
				 "valueInteger":%d,
				 "bodySite":{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]}}
				""".formatted(patient, 1 + i % 12, 1 + i % 28, i % 11, sites[i % sites.length]);
	}

	static String peg(String patient, int i) {
		return """
				{"resourceType":"QuestionnaireResponse","status":"completed",
				 "questionnaire":"http://fibroplan.org/fhir/Questionnaire/peg|1.0.0",
				 "subject":{"reference":"Patient/%s"},
				 "authored":"2025-%02d-%02dT08:00:00Z",
				 "item":[{"linkId":"peg-1","answer":[{"valueInteger":%d}]},
				         {"linkId":"peg-2","answer":[{"valueInteger":%d}]},
				         {"linkId":"peg-3","answer":[{"valueInteger":%d}]}]}
				""".formatted(patient, 1 + i % 11, 1 + i % 28, i % 11, (i + 3) % 11, (i + 7) % 11);
	}

	/** The answer and its PEG score (mean of the three items) in one transaction, the score derived from the answer. */
	static String pegWithScore(String patient, int i) {
		int a = i % 11, b = (i + 3) % 11, c = (i + 7) % 11;
		String answer = "urn:uuid:" + java.util.UUID.randomUUID();
		return """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"%s","resource":%s,"request":{"method":"POST","url":"QuestionnaireResponse"}},
				 {"resource":{"resourceType":"Observation","status":"final",
				   "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"survey"}]}],
				   "code":{"coding":[{"system":"http://loinc.org","code":"91148-7"}]},
				   "subject":{"reference":"Patient/%s"},"effectiveDateTime":"2025-%02d-%02dT08:00:00Z",
				   "valueQuantity":{"value":%s,"system":"http://unitsofmeasure.org","code":"{score}"},
				   "derivedFrom":[{"reference":"%s"}]},
				  "request":{"method":"POST","url":"Observation"}}]}
				""".formatted(answer, peg(patient, i), patient, 1 + i % 11, 1 + i % 28, String.format(Locale.ROOT, "%.2f", (a + b + c) / 3.0), answer);
	}

	static double pct(List<Long> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}
}

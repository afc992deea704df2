import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds patients under care for bench/panel.sh through the FHIR API, as a clinic's apps would: patient i
 * (from..to-1) gets a name, an MRN (PANEL-i) and a PEG answer (so a draft and a queue Task); every tenth also
 * answers the red-flag questionnaire with a yes (a stat Task). JDK only: `java bench/PanelSeed.java
 * baseUrl token from to clients`.
 */
public class PanelSeed {

	private static final List<String> BACK_FLAGS = List.of("saddle-numbness", "bladder-bowel", "leg-weakness-gait", "cancer-history",
			"weight-loss", "night-pain", "new-pain-over-50", "fever-chills", "immunosuppression", "iv-drug-use", "significant-trauma");
	private static final List<String> HIP_FLAGS = List.of("hot-swollen-joint", "cannot-bear-weight", "rapidly-worsening", "leg-numbness-circulation");

	/** Every red-flag question answered, yes only to fever and chills. */
	private static String answers(List<String> flags) {
		return String.join(",", flags.stream().map(f -> "{\"linkId\":\"%s\",\"answer\":[{\"valueBoolean\":%s}]}"
				.formatted(f, f.equals("fever-chills"))).toList());
	}

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String token = args[1];
		int from = Integer.parseInt(args[2]);
		int to = Integer.parseInt(args[3]);
		int clients = Integer.parseInt(args[4]);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicInteger next = new AtomicInteger(from);
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			running.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < to) {
					String patient = post(http, base, token, "Patient", """
							{"resourceType":"Patient","identifier":[{"system":"urn:fibroplan:bench-mrn","value":"PANEL-%d"}],
							 "name":[{"family":"Panel%d","given":["Bench"]}]}""".formatted(i, i));
					post(http, base, token, "QuestionnaireResponse", """
							{"resourceType":"QuestionnaireResponse","status":"completed",
							 "questionnaire":"http://fibroplan.org/fhir/Questionnaire/peg|1.0.0",
							 "subject":{"reference":"Patient/%s"},"authored":"2026-06-%02dT08:00:00Z",
							 "item":[{"linkId":"peg-1","answer":[{"valueInteger":%d}]},{"linkId":"peg-2","answer":[{"valueInteger":%d}]},
							         {"linkId":"peg-3","answer":[{"valueInteger":%d}]}]}""".formatted(patient, 1 + i % 28, i % 11, (i + 3) % 11, (i + 7) % 11));
					if (i % 10 == 0) {
						post(http, base, token, "QuestionnaireResponse", """
								{"resourceType":"QuestionnaireResponse","status":"completed",
								 "questionnaire":"http://fibroplan.org/fhir/Questionnaire/red-flags|1.1.0",
								 "subject":{"reference":"Patient/%s"},"authored":"2026-06-%02dT09:00:00Z",
								 "item":[{"linkId":"back-flags","item":[%s]},{"linkId":"hip-flags","item":[%s]}]}"""
								.formatted(patient, 1 + i % 28, answers(BACK_FLAGS), answers(HIP_FLAGS)));
					}
				}
				return null;
			}));
		}
		for (Future<?> f : running) {
			f.get();
		}
		pool.shutdown();
	}

	private static String post(HttpClient http, String base, String token, String type, String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/" + type))
				.header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException(type + ": HTTP " + response.statusCode() + ": " + response.body());
		}
		Matcher id = ID.matcher(response.body());
		return id.find() ? id.group(1) : null;
	}
}

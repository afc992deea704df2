package org.fibroplan.demo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo story as the data file tells it: which Questionnaire each instrument name means, default
 * answers per instrument, and per patient their details and answers week by week.
 */
public record DemoStory(Map<String, String> instruments, List<DemoPatient> patients) {

	/** A demo patient; {@code login} patients exist already (a demo login) and only get answers. */
	public record DemoPatient(String id, boolean login, String given, String family, String gender, LocalDate birthDate,
			String mrn, List<DemoResponse> responses) {}

	/** One completed questionnaire: the instrument's canonical (url|version) and answers by linkId. */
	public record DemoResponse(int weeksAgo, int orderInWeek, String instrument, String questionnaire, Map<String, Object> answers) {

		/** A key that names this response in every run of the seeder, so a second run finds it again. */
		public String key(String patientId) {
			return patientId + "." + instrument + "." + weeksAgo + "-weeks-ago";
		}
	}

	public static DemoStory read(InputStream json) {
		try {
			return parse(new ObjectMapper().readTree(json));
		} catch (IOException e) {
			throw new UncheckedIOException("The demo story is not readable JSON", e);
		}
	}

	private static DemoStory parse(JsonNode root) {
		Map<String, String> instruments = new LinkedHashMap<>();
		root.path("instruments").fields().forEachRemaining(e -> instruments.put(e.getKey(), e.getValue().asText()));
		Map<String, Map<String, Object>> defaults = new LinkedHashMap<>();
		root.path("defaults").fields().forEachRemaining(e -> defaults.put(e.getKey(), answers(e.getValue())));

		List<DemoPatient> patients = new ArrayList<>();
		for (JsonNode p : root.path("patients")) {
			String id = required(p, "id", "a patient");
			List<DemoResponse> responses = new ArrayList<>();
			for (JsonNode week : p.path("weeks")) {
				int weeksAgo = week.path("weeksAgo").asInt(-1);
				if (weeksAgo < 0) {
					throw new IllegalArgumentException("Demo patient " + id + ": every week needs weeksAgo >= 0");
				}
				int order = 0;
				for (var entry : (Iterable<Map.Entry<String, JsonNode>>) week::fields) {
					if (entry.getKey().equals("weeksAgo")) {
						continue;
					}
					String questionnaire = instruments.get(entry.getKey());
					if (questionnaire == null) {
						throw new IllegalArgumentException("Demo patient " + id + ": unknown instrument '" + entry.getKey() + "'");
					}
					Map<String, Object> answers = new LinkedHashMap<>(defaults.getOrDefault(entry.getKey(), Map.of()));
					answers.putAll(answers(entry.getValue()));
					responses.add(new DemoResponse(weeksAgo, order++, entry.getKey(), questionnaire, answers));
				}
			}
			// Oldest first, as the patient would have answered them.
			responses.sort(Comparator.comparingInt(DemoResponse::weeksAgo).reversed().thenComparingInt(DemoResponse::orderInWeek));
			boolean login = p.path("login").asBoolean(false);
			patients.add(new DemoPatient(id, login,
					login ? null : required(p, "given", id), login ? null : required(p, "family", id),
					login ? null : required(p, "gender", id), login ? null : LocalDate.parse(required(p, "birthDate", id)),
					login ? null : required(p, "mrn", id), List.copyOf(responses)));
		}
		return new DemoStory(Map.copyOf(instruments), List.copyOf(patients));
	}

	/** Answers by linkId: a number, true/false, a code, or a list of codes for a repeating item. */
	private static Map<String, Object> answers(JsonNode node) {
		Map<String, Object> answers = new LinkedHashMap<>();
		node.fields().forEachRemaining(e -> answers.put(e.getKey(), value(e.getKey(), e.getValue())));
		return answers;
	}

	private static Object value(String linkId, JsonNode node) {
		if (node.isIntegralNumber()) {
			return node.intValue();
		}
		if (node.isNumber()) {
			return node.decimalValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isTextual()) {
			return node.textValue();
		}
		if (node.isArray()) {
			List<Object> values = new ArrayList<>();
			node.forEach(v -> values.add(value(linkId, v)));
			return List.copyOf(values);
		}
		throw new IllegalArgumentException("Demo answer '" + linkId + "' is neither a number, true/false, a code nor a list");
	}

	private static String required(JsonNode node, String field, String what) {
		String value = node.path(field).asText(null);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Demo story: " + what + " needs '" + field + "'");
		}
		return value;
	}
}

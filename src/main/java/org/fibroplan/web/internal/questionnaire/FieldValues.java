package org.fibroplan.web.internal.questionnaire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * What the page holds per linkId, as the browser sends it: trimmed strings, blanks dropped. A coded
 * answer is "system|code" (just "code" when the option has no system), a yes/no is "true"/"false".
 */
final class FieldValues {

	private final Map<String, List<String>> values;

	private FieldValues(Map<String, List<String>> values) {
		this.values = values;
	}

	static FieldValues none() {
		return new FieldValues(Map.of());
	}

	static FieldValues of(Map<String, List<String>> submitted) {
		Map<String, List<String>> cleaned = new LinkedHashMap<>();
		if (submitted != null) {
			submitted.forEach((name, raw) -> {
				List<String> kept = new ArrayList<>();
				if (raw != null) {
					for (String value : raw) {
						if (value != null && !value.isBlank() && !kept.contains(value.trim())) {
							kept.add(value.trim());
						}
					}
				}
				cleaned.put(name, kept);
			});
		}
		return new FieldValues(cleaned);
	}

	/** Earlier answers shown again, so a patient can start from last time's. */
	static FieldValues of(QuestionnaireResponse response) {
		Map<String, List<String>> found = new LinkedHashMap<>();
		if (response != null) {
			collect(response.getItem(), found);
		}
		return new FieldValues(found);
	}

	List<String> get(String linkId) {
		return values.getOrDefault(linkId, List.of());
	}

	static String encode(Type value) {
		if (value instanceof Coding coding) {
			return coding.hasSystem() ? coding.getSystem() + "|" + coding.getCode() : coding.getCode();
		}
		return value == null ? null : value.primitiveValue();
	}

	private static void collect(List<QuestionnaireResponseItemComponent> items, Map<String, List<String>> found) {
		for (var item : items) {
			for (var answer : item.getAnswer()) {
				if (answer.hasValue()) {
					found.computeIfAbsent(item.getLinkId(), k -> new ArrayList<>()).add(encode(answer.getValue()));
				}
				collect(answer.getItem(), found);
			}
			collect(item.getItem(), found);
		}
	}
}

package org.fibroplan.web.internal.questionnaire;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Questionnaire;

/** The real instruments from fhir-profiles/, and the fields a browser would send for them. */
final class Instruments {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final String PRO = "http://fibroplan.org/fhir/CodeSystem/pro";
	static final String SNOMED = "http://snomed.info/sct";
	static final String LOINC = "http://loinc.org";

	private Instruments() {
	}

	static Questionnaire questionnaire(String id) {
		try {
			return FHIR.newJsonParser().parseResource(Questionnaire.class, Files.readString(Path.of("fhir-profiles", "Questionnaire-" + id + ".json")));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Fields as name, value, name, value...; a name given twice sends two values, like ticked boxes. */
	static Map<String, List<String>> fields(String... namesAndValues) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
		}
		return fields;
	}

	static Map<String, List<String>> with(Map<String, List<String>> fields, String name, String... values) {
		Map<String, List<String>> changed = new LinkedHashMap<>(fields);
		changed.put(name, Arrays.asList(values));
		return changed;
	}

	static Map<String, List<String>> without(Map<String, List<String>> fields, String name) {
		Map<String, List<String>> changed = new LinkedHashMap<>(fields);
		changed.remove(name);
		return changed;
	}
}

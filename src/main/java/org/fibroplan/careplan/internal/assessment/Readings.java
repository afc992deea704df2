package org.fibroplan.careplan.internal.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Type;

/**
 * A patient's Observations read as values of the assessment variables they feed (ConceptMap
 * observation-assessment-variable), oldest first; answers to red-flag questions are kept apart.
 */
final class Readings {

	private final List<Reading> all = new ArrayList<>();
	private final Map<String, List<Reading>> byVariable = new LinkedHashMap<>();
	private final List<Observation> redFlagAnswers = new ArrayList<>();

	private Readings() {}

	private record Entry(Observation observation, Instant at, String ref) {}

	static Readings of(List<Observation> observations, ClinicalVocabulary vocabulary) {
		Readings readings = new Readings();
		// Effective time and reference are worked out once per Observation, not per comparison.
		List<Entry> entries = new ArrayList<>(observations.size());
		for (Observation observation : observations) {
			if (observation.getStatus() != Observation.ObservationStatus.ENTEREDINERROR && observation.getStatus() != Observation.ObservationStatus.CANCELLED) {
				entries.add(new Entry(observation, AssessmentBuilder.effective(observation), AssessmentBuilder.ref(observation)));
			}
		}
		entries.sort(Comparator.comparing(Entry::at));
		entries.forEach(entry -> readings.read(entry, vocabulary));
		return readings;
	}

	private void read(Entry entry, ClinicalVocabulary vocabulary) {
		Coding code = coding(entry.observation(), vocabulary.variables());
		if (code == null) {
			return;
		}
		if (FhirTerms.RED_FLAG.equals(code.getSystem())) {
			if (vocabulary.isRedFlag(code)) {
				redFlagAnswers.add(entry.observation());
			}
			return;
		}
		for (AssessmentVariables.Feed feed : vocabulary.variables().feeds(code)) {
			Observation observation = entry.observation();
			if (feed.component().isPresent()) {
				Coding part = feed.component().get();
				observation.getComponent().stream()
						.filter(c -> part.getCode().equals(c.getCode().getCodingFirstRep().getCode()) && part.getSystem().equals(c.getCode().getCodingFirstRep().getSystem()))
						.forEach(c -> add(feed, entry, c.getValue(), vocabulary.variables()));
			} else if (feed.site().isEmpty() || vocabulary.sites(observation.getBodySite()).contains(feed.site().get())) {
				add(feed, entry, observation.getValue(), vocabulary.variables());
			}
		}
	}

	/** The code the instruments give an Observation: the first coding of a system the rules read. */
	private static Coding coding(Observation observation, AssessmentVariables variables) {
		for (Coding coding : observation.getCode().getCoding()) {
			if (variables.reads(coding.getSystem()) || FhirTerms.RED_FLAG.equals(coding.getSystem())) {
				return coding;
			}
		}
		return null;
	}

	/** A numeric variable keeps only numeric values, so its latest reading is its latest number. */
	private void add(AssessmentVariables.Feed feed, Entry entry, Type value, AssessmentVariables variables) {
		if (AssessmentVariables.isNumber(variables.variable(feed.variable()).orElseThrow()) && Reading.number(value).isEmpty()) {
			return;
		}
		Reading reading = new Reading(feed, entry.observation(), value, entry.at(), entry.ref());
		all.add(reading);
		byVariable.computeIfAbsent(feed.variable(), k -> new ArrayList<>()).add(reading);
	}

	List<Reading> of(String variable) {
		return byVariable.getOrDefault(variable, List.of());
	}

	Optional<Reading> latest(String variable) {
		List<Reading> readings = of(variable);
		return readings.isEmpty() ? Optional.empty() : Optional.of(readings.get(readings.size() - 1));
	}

	/** Every variable with readings, in the order its first reading came. */
	Map<String, List<Reading>> byVariable() {
		return byVariable;
	}

	List<Reading> all() {
		return all;
	}

	List<Observation> redFlagAnswers() {
		return redFlagAnswers;
	}
}

package org.fibroplan.careplan.internal.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/**
 * Turns a patient's stored Observations and Flags into an {@link Assessment}, one step per kind of
 * variable in CodeSystem assessment-variable: the latest value per measure and site, the baseline (the
 * Observations the active plan names, fixed at first approval: {@link Baselines}), change from baseline
 * in percent and points with its IMMPACT category, positive screens, bands, the context facts of the latest
 * context questionnaire, red flags and flares. Which Observation feeds which variable is data (ConceptMap
 * observation-assessment-variable). Pure: no storage.
 */
public final class AssessmentBuilder {

	private final ClinicalVocabulary vocabulary;
	private final AssessmentVariables variables;

	public AssessmentBuilder(ClinicalVocabulary vocabulary) {
		this.vocabulary = vocabulary;
		this.variables = vocabulary.variables();
	}

	public Assessment build(PatientRecord record, Instant now) {
		Assessment assessment = new Assessment(record.patient(), now);
		Instant planStart = record.active().filter(p -> p.getPeriod().hasStart())
				.map(p -> p.getPeriod().getStart().toInstant()).orElse(null);
		Readings readings = Readings.of(record.observations(), vocabulary);
		Baselines fixed = Baselines.of(record);
		sitePains(assessment, readings);
		siteBaselines(assessment, readings, fixed);
		measures(assessment, readings, fixed);
		latestValues(assessment, readings);
		baselines(assessment, readings, fixed);
		screens(assessment, readings);
		bands(assessment, readings);
		context(assessment, readings);
		redFlags(assessment, record.flags(), readings.redFlagAnswers());
		vocabulary.flares().assess(assessment, readings);
		weeksOnPlan(assessment, planStart, now);
		return assessment;
	}

	/** The latest rating per site, and the sites rated 1 or more with their ratings in words. */
	private void sitePains(Assessment assessment, Readings readings) {
		for (AssessmentVariables.Variable site : variables.derivedAs("site-pain")) {
			readings.latest(site.name()).ifPresent(last -> assessment.put(site.name(), last.number().orElseThrow().intValue(), List.of(last.ref())));
		}
		for (AssessmentVariables.Variable painSite : variables.derivedAs("pain-sites")) {
			List<String> described = new ArrayList<>();
			for (String site : painSite.of()) {
				readings.latest(site).filter(last -> last.number().orElseThrow().signum() > 0 && last.feed().site().isPresent()).ifPresent(last -> {
					String code = last.feed().site().get();
					assessment.put(painSite.name(), code, List.of(last.ref()));
					described.add(side(code, last.observation()) + code.replace('-', ' ') + " " + plain(last.number().get()) + " of 10");
				});
			}
			if (!described.isEmpty()) {
				variables.derived("text", painSite.name()).ifPresent(text ->
						assessment.put(text, String.join(", ", described), assessment.sources(List.of(painSite.name()))));
			}
		}
	}

	/** The side the patient chose for a site that names none (the buttock), as its laterality reads: "left ". */
	private static String side(String site, Observation rating) {
		if (site.startsWith("left-") || site.startsWith("right-") || rating.getBodySite().getExtensionByUrl(FhirTerms.LATERALITY) == null
				|| !(rating.getBodySite().getExtensionByUrl(FhirTerms.LATERALITY).getValue() instanceof CodeableConcept laterality)) {
			return "";
		}
		return laterality.getCoding().stream().map(Coding::getDisplay).filter(d -> d != null && !d.isBlank()).findFirst()
				.or(() -> Optional.ofNullable(laterality.getText())).map(d -> d.toLowerCase() + " ").orElse("");
	}

	/** Each rated site's baseline, by the same rule as every other baseline, for progress charts. */
	private void siteBaselines(Assessment assessment, Readings readings, Baselines fixed) {
		List<AssessmentVariables.Variable> rated = new ArrayList<>(variables.derivedAs("site-pain"));
		rated.addAll(variables.derivedAs("measure"));
		for (AssessmentVariables.Variable variable : rated) {
			fixed.of(readings.of(variable.name())).filter(first -> first.feed().site().isPresent())
					.ifPresent(first -> assessment.putSiteBaseline(first.feed().site().get(), first.number().orElseThrow(), first.ref()));
		}
	}

	/** Latest value and change from baseline in points and percent, with its IMMPACT category (CodeSystem pain-change). */
	private void measures(Assessment assessment, Readings readings, Baselines fixed) {
		for (AssessmentVariables.Variable measure : variables.derivedAs("measure")) {
			Optional<Reading> latest = readings.latest(measure.name());
			if (latest.isEmpty()) {
				continue;
			}
			Reading last = latest.get();
			assessment.put(measure.name(), last.number().orElseThrow(), List.of(last.ref()));
			fixed.of(readings.of(measure.name())).ifPresent(first -> {
				List<String> both = List.of(first.ref(), last.ref());
				BigDecimal change = last.number().orElseThrow().subtract(first.number().orElseThrow());
				derived("change-points", measure, name -> assessment.put(name, change.stripTrailingZeros(), both));
				BigDecimal percent = first.number().get().signum() > 0
						? change.multiply(BigDecimal.valueOf(100)).divide(first.number().get(), 0, RoundingMode.HALF_UP) : null;
				if (percent != null) {
					derived("change-percent", measure, name -> assessment.put(name, percent.intValue(), both));
				}
				derived("improvement", measure, name -> assessment.put(name, vocabulary.change(percent, change), both));
			});
		}
	}

	private void derived(String derivation, AssessmentVariables.Variable of, java.util.function.Consumer<String> put) {
		variables.derived(derivation, of.name()).ifPresent(put);
	}

	/** The latest value; a whole number is given as an integer. */
	private void latestValues(Assessment assessment, Readings readings) {
		for (AssessmentVariables.Variable variable : variables.derivedAs("latest")) {
			readings.latest(variable.name()).ifPresent(last -> {
				if ("boolean".equals(variable.valueType())) {
					last.bool().ifPresent(value -> assessment.put(variable.name(), value, List.of(last.ref())));
				} else {
					BigDecimal value = last.number().orElseThrow();
					assessment.put(variable.name(), value.stripTrailingZeros().scale() <= 0 ? (Object) value.intValue() : value, List.of(last.ref()));
				}
			});
		}
	}

	/**
	 * The fixed baseline; goals read it, and the latest value against it, by the measure's code (relative
	 * targets and achievement). Numeric latest values without a baseline are there for absolute targets.
	 */
	private void baselines(Assessment assessment, Readings readings, Baselines fixed) {
		for (AssessmentVariables.Variable baseline : variables.derivedAs("baseline")) {
			for (String of : baseline.of()) {
				fixed.of(readings.of(of)).ifPresent(first -> {
					assessment.put(baseline.name(), first.number().orElseThrow(), List.of(first.ref()));
					assessment.putBaseline(first.feed().code(), first.number().get(), first.ref());
					Reading last = readings.latest(of).orElseThrow();
					String category = variables.derived("improvement", of).flatMap(name -> assessment.value(name).stream().findFirst())
							.map(org.hl7.fhir.r4.model.Base::primitiveValue).orElse(null);
					assessment.putMeasure(new Assessment.Measure(first.feed().code(), last.number().orElseThrow(), last.ref(), last.at(),
							first.number().get(), first.ref(), category));
				});
			}
		}
		for (String derivation : List.of("latest", "context")) {
			for (AssessmentVariables.Variable variable : variables.derivedAs(derivation)) {
				readings.latest(variable.name()).filter(last -> last.feed().component().isEmpty() && last.number().isPresent())
						.ifPresent(last -> assessment.putMeasure(new Assessment.Measure(last.feed().code(), last.number().get(), last.ref(), last.at(),
								null, null, null)));
			}
		}
	}

	/** A screen is positive when its latest result carries the interpretation the CodeSystem names. */
	private void screens(Assessment assessment, Readings readings) {
		for (AssessmentVariables.Variable screen : variables.derivedAs("screen-positive")) {
			Coding positive = screen.positiveInterpretation().orElseThrow(() -> new IllegalStateException(screen.name() + " names no positive-interpretation"));
			for (String of : screen.of()) {
				readings.latest(of).ifPresent(last -> assessment.put(screen.name(), last.observation().getInterpretation().stream()
						.flatMap(i -> i.getCoding().stream()).anyMatch(c -> positive.getSystem().equals(c.getSystem()) && positive.getCode().equals(c.getCode())),
						List.of(last.ref())));
			}
		}
	}

	/** The band the scorer gave the latest result (its first interpretation code). */
	private void bands(Assessment assessment, Readings readings) {
		for (AssessmentVariables.Variable band : variables.derivedAs("band")) {
			for (String of : band.of()) {
				readings.latest(of).flatMap(last -> last.observation().getInterpretation().stream().flatMap(i -> i.getCoding().stream())
						.map(Coding::getCode).findFirst().map(code -> Map.entry(code, last.ref())))
						.ifPresent(found -> assessment.put(band.name(), found.getKey(), List.of(found.getValue())));
			}
		}
	}

	/** Context facts come from the latest context questionnaire as a whole: an unticked preference is gone. */
	private void context(Assessment assessment, Readings readings) {
		Map<String, AssessmentVariables.Variable> facts = new LinkedHashMap<>();
		variables.derivedAs("context").forEach(v -> facts.put(v.name(), v));
		List<Reading> context = readings.all().stream().filter(r -> facts.containsKey(r.variable())).toList();
		if (context.isEmpty()) {
			return;
		}
		String latestSource = source(context.get(context.size() - 1).observation());
		for (Reading fact : context) {
			if (source(fact.observation()).equals(latestSource)) {
				contextValue(fact, facts.get(fact.variable()).valueType()).ifPresent(value -> assessment.put(fact.variable(), value, List.of(fact.ref())));
			}
		}
		for (String fact : facts.keySet()) {
			List<String> words = assessment.value(fact).stream().map(v -> vocabulary.proDisplay(v.primitiveValue()).toLowerCase()).toList();
			variables.derived("text", fact).filter(text -> !words.isEmpty())
					.ifPresent(text -> assessment.put(text, String.join(", ", words), assessment.sources(List.of(fact))));
		}
	}

	private static Optional<Object> contextValue(Reading fact, String valueType) {
		return switch (valueType) {
			case "integer" -> fact.number().map(BigDecimal::intValue);
			case "boolean" -> fact.bool().map(b -> b);
			default -> fact.answerCode().map(code -> code);
		};
	}

	private void weeksOnPlan(Assessment assessment, Instant planStart, Instant now) {
		if (planStart != null) {
			variables.derivedAs("weeks-on-plan").forEach(weeks ->
					assessment.put(weeks.name(), (int) (Duration.between(planStart, now).toDays() / 7), List.of()));
		}
	}

	/**
	 * Active Flags stay until a clinician closes them; a positive answer no Flag names yet is a new red
	 * flag (a Flag is raised for it). A closed Flag's answer does not come back.
	 */
	private void redFlags(Assessment assessment, List<Flag> flags, List<Observation> answers) {
		Set<String> flagged = new HashSet<>();
		Map<String, Set<String>> active = new LinkedHashMap<>();
		for (Flag flag : flags) {
			List<String> details = flag.getExtensionsByUrl(FhirTerms.FLAG_DETAIL).stream()
					.map(e -> ((Reference) e.getValue()).getReferenceElement().toUnqualifiedVersionless().getValue()).toList();
			flagged.addAll(details);
			if (flag.getStatus() == Flag.FlagStatus.ACTIVE) {
				flag.getCode().getCoding().stream().filter(vocabulary::isRedFlag).findFirst()
						.ifPresent(c -> active.computeIfAbsent(c.getCode(), k -> new LinkedHashSet<>()).addAll(details));
			}
		}
		for (Observation answer : answers) {
			if (answer.getValue() instanceof BooleanType yes && Boolean.TRUE.equals(yes.getValue()) && !flagged.contains(ref(answer))) {
				assessment.addUnflaggedRedFlag(answer);
				String code = answer.getCode().getCoding().stream().filter(vocabulary::isRedFlag).findFirst().orElseThrow().getCode();
				active.computeIfAbsent(code, k -> new LinkedHashSet<>()).add(ref(answer));
			}
		}
		String redFlag = variables.redFlag();
		active.forEach((code, refs) -> assessment.put(redFlag, code, refs));
		if (!active.isEmpty()) {
			Set<String> from = assessment.sources(List.of(redFlag));
			variables.derived("text", redFlag).ifPresent(text ->
					assessment.put(text, active.keySet().stream().map(vocabulary::redFlagDisplay).collect(Collectors.joining("; ")), from));
			variables.derived("emergency", redFlag).ifPresent(emergency ->
					assessment.put(emergency, active.keySet().stream().anyMatch(vocabulary::isEmergency), from));
		}
	}

	public static Instant effective(Observation observation) {
		if (observation.hasEffectiveDateTimeType() && observation.getEffectiveDateTimeType().getValue() != null) {
			return observation.getEffectiveDateTimeType().getValue().toInstant();
		}
		if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
			return observation.getEffectivePeriod().getStart().toInstant();
		}
		if (observation.hasIssued()) {
			return observation.getIssued().toInstant();
		}
		return observation.getMeta().hasLastUpdated() ? observation.getMeta().getLastUpdated().toInstant() : Instant.EPOCH;
	}

	private static String source(Observation observation) {
		return observation.hasDerivedFrom() ? observation.getDerivedFromFirstRep().getReference() : ref(observation);
	}

	public static String ref(Observation observation) {
		return observation.getIdElement().toUnqualifiedVersionless().getValue();
	}

	public static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}
}

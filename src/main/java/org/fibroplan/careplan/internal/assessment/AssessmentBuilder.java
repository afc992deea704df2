package org.fibroplan.careplan.internal.assessment;

import org.fibroplan.careplan.internal.CarePlanTerms;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * Turns a patient's stored Observations and Flags into an {@link Assessment}: the latest value per
 * measure and site, the baseline (the first value of the current plan period, or the first ever when no
 * plan is active), change from baseline in percent and points with its IMMPACT category, flares, positive
 * screens, red flags, and the context facts of the latest context questionnaire. Pure: no storage.
 */
public final class AssessmentBuilder {

	private static final List<String> SITES = List.of("left-hip", "right-hip", "lower-back", "buttock");
	private static final Map<String, String> SITE_VARIABLES = Map.of(
			"left-hip", "leftHipPain", "right-hip", "rightHipPain", "lower-back", "lowerBackPain", "buttock", "buttockPain");
	private static final Set<String> CONTEXT = Set.of(
			"sleep-quality", "exercise-minutes", "recent-hip-procedure", "pool-access", "preferences", "flare-triggers");

	private final ClinicalVocabulary vocabulary;

	public AssessmentBuilder(ClinicalVocabulary vocabulary) {
		this.vocabulary = vocabulary;
	}

	private record Point(BigDecimal value, Instant at, String ref) {}

	private record Entry(Observation observation, Instant at, String ref) {}

	/** The code the instruments give an Observation: the first coding of a system the rules know. */
	private static Coding coding(Observation observation) {
		for (Coding coding : observation.getCode().getCoding()) {
			String system = coding.getSystem();
			if (CarePlanTerms.LOINC.equals(system) || CarePlanTerms.PRO.equals(system) || CarePlanTerms.RED_FLAG.equals(system)) {
				return coding;
			}
		}
		return null;
	}

	public Assessment build(PatientRecord record, Instant now) {
		Assessment assessment = new Assessment(record.patient(), now);
		Instant planStart = record.active().filter(p -> p.getPeriod().hasStart())
				.map(p -> p.getPeriod().getStart().toInstant()).orElse(null);

		Map<String, List<Point>> series = new LinkedHashMap<>();
		Map<String, Observation> latest = new LinkedHashMap<>();
		List<Observation> context = new ArrayList<>();
		List<Observation> redFlagAnswers = new ArrayList<>();

		// Effective time and reference are worked out once per Observation, not per comparison.
		List<Entry> entries = new ArrayList<>(record.observations().size());
		for (Observation observation : record.observations()) {
			if (observation.getStatus() != Observation.ObservationStatus.ENTEREDINERROR && observation.getStatus() != Observation.ObservationStatus.CANCELLED) {
				entries.add(new Entry(observation, effective(observation), ref(observation)));
			}
		}
		entries.sort(Comparator.comparing(Entry::at));
		for (Entry entry : entries) {
			Observation observation = entry.observation();
			String ref = entry.ref();
			Instant at = entry.at();
			Coding code = coding(observation);
			if (code == null) {
				continue;
			}
			String system = code.getSystem();
			if (CarePlanTerms.LOINC.equals(system) && "72514-3".equals(code.getCode())) {
				number(observation.getValue()).ifPresent(value ->
						vocabulary.sites(observation.getBodySite()).forEach(site -> add(series, "pain:" + site, new Point(value, at, ref))));
			} else if (CarePlanTerms.LOINC.equals(system) && "91147-9".equals(code.getCode())) {
				number(observation.getValue()).ifPresent(value -> add(series, "peg", new Point(value, at, ref)));
				for (var component : observation.getComponent()) {
					String item = component.getCode().getCodingFirstRep().getCode();
					if ("91146-1".equals(item) || "91145-3".equals(item)) {
						number(component.getValue()).ifPresent(value -> add(series, item.equals("91146-1") ? "pegActivity" : "pegEnjoyment", new Point(value, at, ref)));
					}
				}
			} else if (CarePlanTerms.LOINC.equals(system) && "55758-7".equals(code.getCode())) {
				numbered(series, latest, "phq2", observation, at, ref);
			} else if (CarePlanTerms.RED_FLAG.equals(system) && vocabulary.isRedFlag(code)) {
				redFlagAnswers.add(observation);
			} else if (CarePlanTerms.PRO.equals(system)) {
				switch (code.getCode()) {
					case "gad-2-total" -> numbered(series, latest, "gad2", observation, at, ref);
					case "fm-severity" -> numbered(series, latest, "fmSeverity", observation, at, ref);
					case "wpi" -> numbered(series, latest, "wpi", observation, at, ref);
					case "sss" -> numbered(series, latest, "sss", observation, at, ref);
					case "hoos-jr-raw" -> numbered(series, latest, "hoosJrRaw", observation, at, ref);
					case "acr-2016-criteria-met" -> latest.put("acrCriteriaMet", observation);
					default -> {
						if (CONTEXT.contains(code.getCode())) {
							context.add(observation);
						}
					}
				}
			}
		}

		painSites(assessment, series);
		measure(assessment, series.get("pain:overall"), "worstPain", "72514-3", planStart);
		measure(assessment, series.get("peg"), "peg", "91147-9", planStart);
		latestValue(assessment, series.get("pegActivity"), "pegActivity");
		latestValue(assessment, series.get("pegEnjoyment"), "pegEnjoyment");
		screen(assessment, series.get("phq2"), latest.get("phq2"), "phq2");
		screen(assessment, series.get("gad2"), latest.get("gad2"), "gad2");
		latestValue(assessment, series.get("wpi"), "wpi");
		latestValue(assessment, series.get("sss"), "sss");
		latestValue(assessment, series.get("fmSeverity"), "fmSeverity");
		Optional.ofNullable(latest.get("fmSeverity")).flatMap(o -> interpretation(o))
				.ifPresent(band -> assessment.put("fmSeverityBand", band, List.of(ref(latest.get("fmSeverity")))));
		Optional.ofNullable(latest.get("acrCriteriaMet")).filter(o -> o.getValue() instanceof BooleanType)
				.ifPresent(o -> assessment.put("acrCriteriaMet", ((BooleanType) o.getValue()).booleanValue(), List.of(ref(o))));
		latestValue(assessment, series.get("hoosJrRaw"), "hoosJrRaw");
		baseline(series.get("hoosJrRaw"), planStart).ifPresent(b -> {
			assessment.put("hoosJrRawBaseline", b.value(), List.of(b.ref()));
			assessment.putBaseline("hoos-jr-raw", b.value());
		});
		context(assessment, context);
		redFlags(assessment, record.flags(), redFlagAnswers);
		flares(assessment, series);
		if (planStart != null) {
			assessment.put("weeksOnPlan", (int) (Duration.between(planStart, now).toDays() / 7), List.of());
		}
		return assessment;
	}

	private void painSites(Assessment assessment, Map<String, List<Point>> series) {
		List<String> described = new ArrayList<>();
		for (String site : SITES) {
			List<Point> points = series.get("pain:" + site);
			if (points == null) {
				continue;
			}
			Point last = points.get(points.size() - 1);
			assessment.put(SITE_VARIABLES.get(site), last.value().intValue(), List.of(last.ref()));
			if (last.value().signum() > 0) {
				assessment.put("painSite", site, List.of(last.ref()));
				described.add(site.replace('-', ' ') + " " + plain(last.value()) + " of 10");
			}
		}
		if (!described.isEmpty()) {
			assessment.put("painSiteText", String.join(", ", described), assessment.sources(List.of("painSite")));
		}
	}

	/** Latest value, baseline, and change from baseline with its IMMPACT category. */
	private void measure(Assessment assessment, List<Point> points, String name, String measureCode, Instant planStart) {
		if (points == null) {
			return;
		}
		Point last = points.get(points.size() - 1);
		assessment.put(name, last.value(), List.of(last.ref()));
		Optional<Point> baseline = baseline(points, planStart);
		if (baseline.isEmpty()) {
			return;
		}
		Point first = baseline.get();
		assessment.putBaseline(measureCode, first.value());
		List<String> both = List.of(first.ref(), last.ref());
		assessment.put(name + "Baseline", first.value(), List.of(first.ref()));
		BigDecimal points_ = last.value().subtract(first.value());
		assessment.put(name + "ChangePoints", points_.stripTrailingZeros(), both);
		if (first.value().signum() > 0) {
			BigDecimal percent = points_.multiply(BigDecimal.valueOf(100)).divide(first.value(), 0, RoundingMode.HALF_UP);
			assessment.put(name + "ChangePercent", percent.intValue(), both);
			assessment.put(name + "Improvement", vocabulary.improvement(percent), both);
		}
	}

	private static Optional<Point> baseline(List<Point> points, Instant planStart) {
		if (points == null) {
			return Optional.empty();
		}
		return points.stream().filter(p -> planStart == null || !p.at().isBefore(planStart)).findFirst();
	}

	private static void latestValue(Assessment assessment, List<Point> points, String name) {
		if (points != null) {
			Point last = points.get(points.size() - 1);
			assessment.put(name, last.value().stripTrailingZeros().scale() <= 0 ? (Object) last.value().intValue() : last.value(), List.of(last.ref()));
		}
	}

	private static void screen(Assessment assessment, List<Point> points, Observation latest, String name) {
		latestValue(assessment, points, name);
		if (latest != null) {
			boolean positive = latest.getInterpretation().stream().flatMap(i -> i.getCoding().stream())
					.anyMatch(c -> CarePlanTerms.INTERPRETATION.equals(c.getSystem()) && "POS".equals(c.getCode()));
			assessment.put(name + "Positive", positive, List.of(ref(latest)));
		}
	}

	/** Context facts come from the latest context questionnaire as a whole: an unticked preference is gone. */
	private void context(Assessment assessment, List<Observation> context) {
		if (context.isEmpty()) {
			return;
		}
		String latestSource = source(context.get(context.size() - 1));
		for (Observation fact : context) {
			if (!source(fact).equals(latestSource)) {
				continue;
			}
			List<String> from = List.of(ref(fact));
			String code = fact.getCode().getCoding().stream().filter(c -> CarePlanTerms.PRO.equals(c.getSystem())).findFirst().orElseThrow().getCode();
			Type value = fact.getValue();
			switch (code) {
				case "exercise-minutes" -> number(value).ifPresent(v -> assessment.put("exerciseMinutes", v.intValue(), from));
				case "recent-hip-procedure" -> bool(value).ifPresent(v -> assessment.put("recentHipProcedure", v, from));
				case "pool-access" -> bool(value).ifPresent(v -> assessment.put("poolAccess", v, from));
				case "sleep-quality" -> answerCode(value).ifPresent(v -> {
					assessment.put("sleepQuality", v, from);
					assessment.put("sleepQualityText", vocabulary.proDisplay(v).toLowerCase(), from);
				});
				case "preferences" -> answerCode(value).ifPresent(v -> assessment.put("prefers", v, from));
				case "flare-triggers" -> answerCode(value).ifPresent(v -> assessment.put("flareTrigger", v, from));
				default -> { }
			}
		}
		List<String> triggers = assessment.value("flareTrigger").stream().map(b -> vocabulary.proDisplay(b.primitiveValue()).toLowerCase()).toList();
		if (!triggers.isEmpty()) {
			assessment.put("flareTriggerText", String.join(", ", triggers), assessment.sources(List.of("flareTrigger")));
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
			List<String> details = flag.getExtensionsByUrl(CarePlanTerms.FLAG_DETAIL).stream()
					.map(e -> ((Reference) e.getValue()).getReferenceElement().toUnqualifiedVersionless().getValue()).toList();
			flagged.addAll(details);
			if (flag.getStatus() == Flag.FlagStatus.ACTIVE) {
				flag.getCode().getCoding().stream().filter(vocabulary::isRedFlag).findFirst()
						.ifPresent(c -> active.computeIfAbsent(c.getCode(), k -> new LinkedHashSet<>()).addAll(details));
			}
		}
		for (Observation answer : answers) {
			if (bool(answer.getValue()).orElse(false) && !flagged.contains(ref(answer))) {
				assessment.addUnflaggedRedFlag(answer);
				String code = answer.getCode().getCoding().stream().filter(vocabulary::isRedFlag).findFirst().orElseThrow().getCode();
				active.computeIfAbsent(code, k -> new LinkedHashSet<>()).add(ref(answer));
			}
		}
		active.forEach((code, refs) -> assessment.put("redFlag", code, refs));
		if (!active.isEmpty()) {
			assessment.put("redFlagText", active.keySet().stream().map(vocabulary::redFlagDisplay).collect(Collectors.joining("; ")),
					assessment.sources(List.of("redFlag")));
			assessment.put("emergencyRedFlag", active.keySet().stream().anyMatch(vocabulary::isEmergency), assessment.sources(List.of("redFlag")));
		}
	}

	/** A rise from the previous value of any pain site or PEG large enough to count as a flare. */
	private void flares(Assessment assessment, Map<String, List<Point>> series) {
		List<String> described = new ArrayList<>();
		Set<String> refs = new LinkedHashSet<>();
		series.forEach((key, points) -> {
			if (!(key.startsWith("pain:") || key.equals("peg")) || points.size() < 2) {
				return;
			}
			Point previous = points.get(points.size() - 2);
			Point last = points.get(points.size() - 1);
			if (vocabulary.isFlare(previous.value(), last.value())) {
				String what = key.equals("peg") ? "PEG" : key.substring(5).replace('-', ' ').replace("overall", "worst pain") + " pain";
				described.add(what + " rose from " + plain(previous.value()) + " to " + plain(last.value()));
				refs.add(previous.ref());
				refs.add(last.ref());
			}
		});
		assessment.put("flare", !described.isEmpty(), refs);
		if (!described.isEmpty()) {
			assessment.put("flareText", String.join("; ", described), refs);
		}
	}

	private static void numbered(Map<String, List<Point>> series, Map<String, Observation> latest, String key, Observation o, Instant at, String ref) {
		number(o.getValue()).ifPresent(value -> {
			add(series, key, new Point(value, at, ref));
			latest.put(key, o);
		});
	}

	private static void add(Map<String, List<Point>> series, String key, Point point) {
		series.computeIfAbsent(key, k -> new ArrayList<>()).add(point);
	}

	private static Optional<String> interpretation(Observation observation) {
		return observation.getInterpretation().stream().flatMap(i -> i.getCoding().stream()).map(Coding::getCode).findFirst();
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

	private static Optional<BigDecimal> number(Type value) {
		if (value instanceof Quantity quantity && quantity.hasValue()) {
			return Optional.of(quantity.getValue());
		}
		if (value instanceof IntegerType integer && integer.getValue() != null) {
			return Optional.of(BigDecimal.valueOf(integer.getValue()));
		}
		return Optional.empty();
	}

	private static Optional<Boolean> bool(Type value) {
		return value instanceof BooleanType b && b.getValue() != null ? Optional.of(b.booleanValue()) : Optional.empty();
	}

	private static Optional<String> answerCode(Type value) {
		return value instanceof CodeableConcept concept && concept.hasCoding() ? Optional.of(concept.getCodingFirstRep().getCode()) : Optional.empty();
	}

	public static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}
}

package org.fibroplan.careplan.internal.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * A patient's situation as the rules see it: named variables (FHIRPath constants such as {@code %peg}),
 * each with the Observations it came from, so every proposed activity can say which answers triggered it.
 * Built by {@link AssessmentBuilder}; the variables are defined in CodeSystem assessment-variable (see {@link AssessmentVariables}).
 */
public final class Assessment {

	private final String patient;
	private final Instant asOf;
	private final Map<String, List<Base>> values = new LinkedHashMap<>();
	private final Map<String, Set<String>> sources = new LinkedHashMap<>();
	private final List<Observation> unflaggedRedFlags = new ArrayList<>();
	private final Map<String, BigDecimal> baselines = new LinkedHashMap<>();
	private final Map<String, SiteBaseline> siteBaselines = new LinkedHashMap<>();
	private final Set<String> baselineObservations = new LinkedHashSet<>();
	private final Map<String, Measure> measures = new LinkedHashMap<>();

	/** A pain site's baseline rating and the Observation that gave it. */
	public record SiteBaseline(String site, BigDecimal value, String observation) {}

	/**
	 * A goal's measure (by its code) now and, when it has one, at baseline, with the pain-change category between them.
	 *
	 * @param baseline null when the measure has no baseline (absolute targets only)
	 * @param category the CodeSystem pain-change category; null when the measure has none (not a 0-10 pain measure)
	 */
	public record Measure(String code, BigDecimal latest, String latestObservation, Instant latestAt,
			BigDecimal baseline, String baselineObservation, String category) {}

	public Assessment(String patient, Instant asOf) {
		this.patient = patient;
		this.asOf = asOf;
	}

	public String patient() {
		return patient;
	}

	public Instant asOf() {
		return asOf;
	}

	public List<Base> value(String name) {
		return values.getOrDefault(name, List.of());
	}

	public boolean has(String name) {
		return values.containsKey(name);
	}

	/** References (Observation/id) behind these variables, in the order they were recorded. */
	public Set<String> sources(Collection<String> names) {
		Set<String> refs = new LinkedHashSet<>();
		names.forEach(name -> refs.addAll(sources.getOrDefault(name, Set.of())));
		return refs;
	}

	/** Positive red-flag answers no Flag names yet: the revision raises a Flag for each. */
	public List<Observation> unflaggedRedFlags() {
		return unflaggedRedFlags;
	}

	/** Each rated site's baseline (plan sites as in ConceptMap pain-site, "overall" for the worst pain). */
	public List<SiteBaseline> siteBaselines() {
		return List.copyOf(siteBaselines.values());
	}

	/** The baseline of a measure (by the measure's code), used to turn relative goal targets into numbers. */
	public Optional<BigDecimal> baseline(String measureCode) {
		return Optional.ofNullable(baselines.get(measureCode));
	}

	/** The Observations that are the baseline (PEG, worst pain, each site, ...): what every plan names in supportingInfo. */
	public Set<String> baselineObservations() {
		return java.util.Collections.unmodifiableSet(baselineObservations);
	}

	/** A goal's measure now against its baseline, by the measure's code. */
	public Optional<Measure> measure(String code) {
		return Optional.ofNullable(measures.get(code));
	}

	public boolean hasRedFlag() {
		return !value("redFlag").isEmpty();
	}

	/** The assessment as FHIR Parameters, one parameter per value, for clinicians and tests to read. */
	public Parameters toParameters() {
		Parameters parameters = new Parameters();
		values.forEach((name, list) -> list.forEach(v -> parameters.addParameter().setName(name).setValue((org.hl7.fhir.r4.model.Type) v)));
		return parameters;
	}

	// building (AssessmentBuilder only)

	public void put(String name, Object value, Collection<String> from) {
		Base fhirValue;
		if (value instanceof Base base) {
			fhirValue = base;
		} else if (value instanceof Integer i) {
			fhirValue = new IntegerType(i);
		} else if (value instanceof BigDecimal d) {
			fhirValue = new DecimalType(d);
		} else if (value instanceof Boolean b) {
			fhirValue = new BooleanType(b);
		} else {
			fhirValue = new StringType(String.valueOf(value));
		}
		values.computeIfAbsent(name, k -> new ArrayList<>()).add(fhirValue);
		sources.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(from);
	}

	void putSiteBaseline(String site, BigDecimal value, String observation) {
		siteBaselines.putIfAbsent(site, new SiteBaseline(site, value, observation));
		baselineObservations.add(observation);
	}

	void putBaseline(String measureCode, BigDecimal value, String observation) {
		baselines.put(measureCode, value);
		baselineObservations.add(observation);
	}

	void putMeasure(Measure measure) {
		measures.putIfAbsent(measure.code(), measure);
	}

	public void addUnflaggedRedFlag(Observation observation) {
		unflaggedRedFlags.add(observation);
	}
}

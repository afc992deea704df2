package org.fibroplan.careplan.internal.assessment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap.OtherElementComponent;
import org.hl7.fhir.r4.model.ConceptMap.TargetElementComponent;
import org.hl7.fhir.r4.model.ConceptMap;

/**
 * The variables an assessment can hold (CodeSystem assessment-variable: name, how each is derived, its
 * type) and the Observation codes that feed them (ConceptMap observation-assessment-variable). Rules may
 * name only these variables; a definition this class cannot read is refused naming the concept.
 */
public final class AssessmentVariables {

	static final String BODY_SITE = "http://hl7.org/fhir/StructureDefinition/Observation#Observation.bodySite";
	static final String COMPONENT = "http://hl7.org/fhir/StructureDefinition/Observation#Observation.component.code";
	private static final Set<String> DERIVATIONS = Set.of("latest", "site-pain", "measure", "baseline", "change-points", "change-percent",
			"improvement", "screen-positive", "band", "context", "pain-sites", "text", "red-flag", "emergency", "flare", "weeks-on-plan");

	/** One variable as the CodeSystem defines it. */
	public record Variable(String name, String display, String definition, String derivation, String valueType, List<String> of,
			Optional<String> words, Optional<Coding> positiveInterpretation) {}

	/**
	 * An Observation code feeding a variable: its own value, or only at a body site (a pain-site code), or
	 * the value of one of its components.
	 */
	public record Feed(String variable, String system, String code, Optional<String> site, Optional<Coding> component) {}

	/** The red-flag hold reads this variable, so the CodeSystem must define it. */
	private static final String RED_FLAG = "redFlag";

	private final Map<String, Variable> variables = new LinkedHashMap<>();
	private final Map<String, List<Feed>> feeds = new LinkedHashMap<>();
	private final Set<String> systems = new java.util.HashSet<>();

	public AssessmentVariables(CodeSystem definitions, ConceptMap observationCodes) {
		definitions.getConcept().forEach(concept -> variables.put(concept.getCode(), variable(concept)));
		variables.values().forEach(v -> v.of().stream().filter(of -> !variables.containsKey(of)).findFirst().ifPresent(of -> {
			throw new IllegalStateException(FhirTerms.ASSESSMENT_VARIABLE + " " + v.name() + " is derived from " + of + ", which it does not define");
		}));
		if (!variable(RED_FLAG).map(v -> v.derivation().equals("red-flag")).orElse(false)) {
			throw new IllegalStateException(FhirTerms.ASSESSMENT_VARIABLE + " must define " + RED_FLAG + " (derivation red-flag): the red-flag hold reads it");
		}
		derivedAs("flare").forEach(flare -> flare.of().stream().filter(of -> !isNumber(variables.get(of))).findFirst().ifPresent(of -> {
			throw new IllegalStateException(FhirTerms.ASSESSMENT_VARIABLE + " " + flare.name() + " watches " + of + ", which is not a number");
		}));
		observationCodes.getGroup().forEach(group -> {
			systems.add(group.getSource());
			group.getElement().forEach(element -> element.getTarget().forEach(target ->
					feeds.computeIfAbsent(group.getSource() + "|" + element.getCode(), k -> new ArrayList<>()).add(feed(group.getSource(), element.getCode(), target))));
		});
	}

	/** Integer and decimal variables keep only numeric readings. */
	static boolean isNumber(Variable variable) {
		return variable.valueType().equals("integer") || variable.valueType().equals("decimal");
	}

	private static Variable variable(ConceptDefinitionComponent concept) {
		String derivation = code(concept, "derivation").findFirst().orElse(null);
		if (!DERIVATIONS.contains(derivation)) {
			throw new IllegalStateException(FhirTerms.ASSESSMENT_VARIABLE + " " + concept.getCode() + ": derivation " + derivation
					+ " is not one of " + DERIVATIONS);
		}
		Optional<Coding> positive = concept.getProperty().stream().filter(p -> "positive-interpretation".equals(p.getCode()))
				.map(p -> (Coding) p.getValue()).findFirst();
		return new Variable(concept.getCode(), concept.getDisplay(), concept.getDefinition(), derivation,
				code(concept, "value-type").findFirst().orElse("string"), code(concept, "of").toList(), code(concept, "words").findFirst(), positive);
	}

	private static java.util.stream.Stream<String> code(ConceptDefinitionComponent concept, String property) {
		return concept.getProperty().stream().filter(p -> property.equals(p.getCode())).map(p -> p.getValue().primitiveValue());
	}

	private Feed feed(String system, String code, TargetElementComponent target) {
		if (!variables.containsKey(target.getCode())) {
			throw new IllegalStateException(FhirTerms.OBSERVATION_VARIABLE_MAP + " maps " + code + " to " + target.getCode()
					+ ", which CodeSystem assessment-variable does not define");
		}
		Optional<String> site = Optional.empty();
		Optional<Coding> component = Optional.empty();
		for (OtherElementComponent depends : target.getDependsOn()) {
			switch (depends.getProperty()) {
				case BODY_SITE -> site = Optional.of(depends.getValue());
				case COMPONENT -> component = Optional.of(new Coding(depends.getSystem(), depends.getValue(), depends.getDisplay()));
				default -> throw new IllegalStateException(FhirTerms.OBSERVATION_VARIABLE_MAP + " " + code + " → " + target.getCode()
						+ " depends on " + depends.getProperty() + ", which FibroPlan cannot read");
			}
		}
		return new Feed(target.getCode(), system, code, site, component);
	}

	/** Every variable name a rule may use. */
	public Set<String> names() {
		return java.util.Collections.unmodifiableSet(variables.keySet());
	}

	public Optional<Variable> variable(String name) {
		return Optional.ofNullable(variables.get(name));
	}

	/** The variables derived this way, in the CodeSystem's order. */
	public List<Variable> derivedAs(String derivation) {
		return variables.values().stream().filter(v -> v.derivation().equals(derivation)).toList();
	}

	/** The variable derived this way from another one, such as pegBaseline (baseline of peg). */
	public Optional<String> derived(String derivation, String of) {
		return derivedAs(derivation).stream().filter(v -> v.of().contains(of)).map(Variable::name).findFirst();
	}

	/** What an Observation with this code feeds (empty when the rules do not read the code). */
	public List<Feed> feeds(Coding code) {
		return feeds.getOrDefault(code.getSystem() + "|" + code.getCode(), List.of());
	}

	/** Every Observation code (system|code) the rules read. */
	public Set<String> observationCodes() {
		return java.util.Collections.unmodifiableSet(feeds.keySet());
	}

	/** The Observation codes that feed this variable, in the map's order. */
	public List<Feed> feedsOf(String variable) {
		return feeds.values().stream().flatMap(List::stream).filter(f -> f.variable().equals(variable)).toList();
	}

	/** True when the map has Observation codes of this system. */
	public boolean reads(String system) {
		return systems.contains(system);
	}

	/** The variable holding the active red flags. */
	public String redFlag() {
		return RED_FLAG;
	}
}

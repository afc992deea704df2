package org.fibroplan.careplan.internal.rules;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fibroplan.careplan.internal.assessment.ClinicalVocabulary;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The compiled clinical knowledge the module runs on: the rules (a PlanDefinition with its
 * ActivityDefinitions) and the vocabulary, rebuilt when any definition changes.
 */
@Component
public class CarePlanKnowledge {

	/** One compiled rule set with the vocabulary it is read with. */
	public record Knowledge(RuleSet rules, ClinicalVocabulary vocabulary) {}

	private final Definitions definitions;
	private final AssessmentExpressions expressions;
	private final Map<String, Knowledge> compiled = new ConcurrentHashMap<>();
	private volatile long generation = -1;

	@Autowired
	public CarePlanKnowledge(Definitions definitions, FhirContext fhirContext) {
		this(definitions, new AssessmentExpressions(fhirContext));
	}

	public CarePlanKnowledge(Definitions definitions, AssessmentExpressions expressions) {
		this.definitions = definitions;
		this.expressions = expressions;
	}

	public AssessmentExpressions expressions() {
		return expressions;
	}

	/** FibroPlan's own rules (PlanDefinition fm-care-plan). */
	public Knowledge current() {
		return forRules(definitions.get(PlanDefinition.class, FhirTerms.RULES));
	}

	/** Any PlanDefinition written to the same conventions (for $apply on another rule set). */
	public Knowledge forRules(PlanDefinition planDefinition) {
		if (generation != definitions.generation()) {
			compiled.clear();
			generation = definitions.generation();
		}
		String key = planDefinition.getIdElement().toUnqualified().getValue() + " " + planDefinition.getUrl() + "|" + planDefinition.getVersion()
				+ " " + planDefinition.getMeta().getVersionId();
		return compiled.computeIfAbsent(key, k -> compile(planDefinition));
	}

	/**
	 * Compiles FibroPlan's knowledge as it would be with this definition stored (new rules, an edited
	 * ActivityDefinition, CodeSystem, ConceptMap or ValueSet), so one that would break drafting is refused
	 * instead of failing every answer after it.
	 */
	public void check(MetadataResource candidate) {
		Definitions withCandidate = new Definitions() {
			@Override
			public <T extends MetadataResource> Optional<T> find(Class<T> type, String canonical) {
				String url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
				return type.isInstance(candidate) && url.equals(candidate.getUrl()) ? Optional.of(type.cast(candidate)) : definitions.find(type, canonical);
			}
		};
		compile(withCandidate.get(PlanDefinition.class, FhirTerms.RULES), withCandidate);
	}

	private Knowledge compile(PlanDefinition planDefinition) {
		return compile(planDefinition, definitions);
	}

	private Knowledge compile(PlanDefinition planDefinition, Definitions from) {
		ClinicalVocabulary vocabulary = new ClinicalVocabulary(from);
		RuleSet rules = new RuleSet(planDefinition, canonical -> from.get(ActivityDefinition.class, canonical), expressions,
				vocabulary.variables().names());
		return new Knowledge(rules, vocabulary);
	}
}

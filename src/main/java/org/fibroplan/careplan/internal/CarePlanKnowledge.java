package org.fibroplan.careplan.internal;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The compiled clinical knowledge the module runs on: the rules (a PlanDefinition with its
 * ActivityDefinitions) and the vocabulary, rebuilt when any definition changes.
 */
@Component
class CarePlanKnowledge {

	/** One compiled rule set with the vocabulary it is read with. */
	record Knowledge(RuleSet rules, ClinicalVocabulary vocabulary) {}

	private final Definitions definitions;
	private final AssessmentExpressions expressions;
	private final Map<String, Knowledge> compiled = new ConcurrentHashMap<>();
	private volatile long generation = -1;

	@Autowired
	CarePlanKnowledge(Definitions definitions, FhirContext fhirContext) {
		this(definitions, new AssessmentExpressions(fhirContext));
	}

	CarePlanKnowledge(Definitions definitions, AssessmentExpressions expressions) {
		this.definitions = definitions;
		this.expressions = expressions;
	}

	AssessmentExpressions expressions() {
		return expressions;
	}

	/** FibroPlan's own rules (PlanDefinition fm-care-plan). */
	Knowledge current() {
		return forRules(definitions.get(PlanDefinition.class, CarePlanTerms.RULES));
	}

	/** Any PlanDefinition written to the same conventions (for $apply on another rule set). */
	Knowledge forRules(PlanDefinition planDefinition) {
		if (generation != definitions.generation()) {
			compiled.clear();
			generation = definitions.generation();
		}
		String key = planDefinition.getIdElement().toUnqualified().getValue() + " " + planDefinition.getUrl() + "|" + planDefinition.getVersion()
				+ " " + planDefinition.getMeta().getVersionId();
		return compiled.computeIfAbsent(key, k -> compile(planDefinition));
	}

	/** Compiles rules that are about to be stored, so a broken rule set is refused instead of breaking drafting. */
	void check(PlanDefinition planDefinition) {
		compile(planDefinition);
	}

	private Knowledge compile(PlanDefinition planDefinition) {
		RuleSet rules = new RuleSet(planDefinition, canonical -> definitions.get(ActivityDefinition.class, canonical), expressions);
		return new Knowledge(rules, new ClinicalVocabulary(definitions));
	}
}

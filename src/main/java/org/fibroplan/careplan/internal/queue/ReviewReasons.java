package org.fibroplan.careplan.internal.queue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Task;

/**
 * CodeSystem review-reason, read for the queue: each reason's display and the priority it asks for, when a
 * follow-up falls due, and how late answers may be. The clinical choices live in that resource.
 */
final class ReviewReasons {

	static final String RED_FLAG = "red-flag";
	static final String DETERIORATION = "deterioration";
	static final String FLARE = "flare";
	static final String DRAFT_AWAITING_REVIEW = "draft-awaiting-review";
	static final String FOLLOW_UP_DUE = "follow-up-due";
	static final String ANSWERS_OVERDUE = "answers-overdue";

	private final Map<String, ConceptDefinitionComponent> concepts = new LinkedHashMap<>();

	ReviewReasons(Definitions definitions) {
		definitions.get(CodeSystem.class, FhirTerms.REVIEW_REASON).getConcept().forEach(c -> concepts.put(c.getCode(), c));
	}

	String display(String code) {
		return Optional.ofNullable(concepts.get(code)).map(ConceptDefinitionComponent::getDisplay).orElse(code);
	}

	/** The priority a reason asks for; a reason the CodeSystem does not know is routine. */
	Task.TaskPriority priority(String reason) {
		return property(reason, "priority").map(Task.TaskPriority::fromCode).orElse(Task.TaskPriority.ROUTINE);
	}

	int followUpWeeks() {
		return property(FOLLOW_UP_DUE, "after-weeks").map(Integer::valueOf)
				.orElseThrow(() -> new IllegalStateException("CodeSystem review-reason: follow-up-due has no after-weeks"));
	}

	int latePeriods() {
		return property(ANSWERS_OVERDUE, "late-periods").map(Integer::valueOf)
				.orElseThrow(() -> new IllegalStateException("CodeSystem review-reason: answers-overdue has no late-periods"));
	}

	private Optional<String> property(String code, String property) {
		ConceptDefinitionComponent concept = concepts.get(code);
		return concept == null ? Optional.empty() : concept.getProperty().stream().filter(p -> property.equals(p.getCode()))
				.map(p -> p.getValue().primitiveValue()).findFirst();
	}
}

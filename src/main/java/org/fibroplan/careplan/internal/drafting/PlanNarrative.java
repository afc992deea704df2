package org.fibroplan.careplan.internal.drafting;

import java.util.Optional;
import org.fibroplan.careplan.internal.assessment.ClinicalVocabulary;
import org.fibroplan.careplan.internal.review.ClinicianDecisions;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * The plan in plain language, as the CarePlan's generated narrative: what to do now when a red flag has
 * put the plan on hold, then each activity with its one instruction (the description, which states the
 * dose in words: the catalogue's, or the clinician's once they changed it), why it is proposed and how
 * strong the evidence is, then the goals. It is what patients read and what EHRs that ignore structure
 * show, so tasks for the clinician only (ValueSet clinician-only-activities) are never in it.
 */
public final class PlanNarrative {

	private PlanNarrative() {}

	public static void write(CarePlan plan, CarePlanKnowledge.Knowledge knowledge, Resolver resolver) {
		XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
		div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
		div.addTag("h2").addText(plan.getStatus() == CarePlan.CarePlanStatus.DRAFT
				? "Your care plan (draft: your clinician will review it)" : "Your care plan");
		RedFlags.urgentReview(plan).ifPresent(urgent ->
				RedFlags.whatToDoNow(div, description(urgent, resolver), text(urgent, FhirTerms.RATIONALE)));
		XhtmlNode list = div.addTag("ol");
		for (CarePlanActivityComponent activity : plan.getActivity()) {
			if (RedFlags.isUrgentReview(activity) || forClinicianOnly(activity, knowledge, resolver)) {
				continue;
			}
			XhtmlNode item = list.addTag("li");
			item.addTag("b").addText(title(activity, resolver));
			item.addTag("br");
			item.addText(description(activity, resolver));
			text(activity, FhirTerms.RATIONALE).or(() -> clinicianReason(activity, resolver)).ifPresent(why -> {
				item.addTag("br");
				item.addText("Why: " + why);
			});
			Extension grade = activity.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE);
			if (grade != null && grade.getValue() instanceof CodeableConcept concept) {
				item.addTag("br");
				item.addText("Evidence: " + (concept.hasText() ? concept.getText() : concept.getCodingFirstRep().getCode()));
			}
		}
		if (plan.hasGoal()) {
			div.addTag("h3").addText("Goals");
			XhtmlNode goals = div.addTag("ul");
			plan.getGoal().forEach(ref -> resolver.resolve(ref.getReference()).filter(Goal.class::isInstance).map(Goal.class::cast)
					.ifPresent(goal -> goals.addTag("li").addText(goal.getDescription().getText()
							+ (goal.getTargetFirstRep().hasDueDateType() ? " by " + goal.getTargetFirstRep().getDueDateType().asStringValue() : ""))));
		}
		plan.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div);
	}

	/** A task for the clinician, by the activity's own code or its catalogue definition's. */
	public static boolean forClinicianOnly(CarePlanActivityComponent activity, CarePlanKnowledge.Knowledge knowledge, Resolver resolver) {
		ClinicalVocabulary vocabulary = knowledge.vocabulary();
		CodeableConcept code = activity.hasDetail() ? activity.getDetail().getCode() : referral(activity, resolver).map(ServiceRequest::getCode).orElse(null);
		return vocabulary.isForClinicianOnly(code) || ClinicianDecisions.definition(activity).flatMap(knowledge.rules()::activity)
				.map(definition -> vocabulary.isForClinicianOnly(definition.getCode())).orElse(false);
	}

	/** Finds what a plan's references point at (contained resources or stored ones). */
	public interface Resolver {
		Optional<Resource> resolve(String reference);
	}

	public static Resolver contained(CarePlan plan, Resolver stored) {
		return reference -> reference != null && reference.startsWith("#")
				? plan.getContained().stream().filter(r -> reference.equals("#" + r.getIdElement().getIdPart())).findFirst()
				: stored.resolve(reference);
	}

	private static Optional<String> text(CarePlanActivityComponent activity, String url) {
		Extension extension = activity.getExtensionByUrl(url);
		return extension == null ? Optional.empty() : Optional.ofNullable(extension.getValue().primitiveValue());
	}

	/** The reason a clinician gave when adding an activity (a reasonCode of words only), for its why. */
	private static Optional<String> clinicianReason(CarePlanActivityComponent activity, Resolver resolver) {
		java.util.List<CodeableConcept> reasons = activity.hasDetail() ? activity.getDetail().getReasonCode()
				: referral(activity, resolver).map(ServiceRequest::getReasonCode).orElse(java.util.List.of());
		return reasons.stream().filter(c -> c.hasText() && !c.hasCoding()).map(CodeableConcept::getText).reduce((a, b) -> a + " " + b);
	}

	private static String title(CarePlanActivityComponent activity, Resolver resolver) {
		CodeableConcept code = activity.hasDetail() ? activity.getDetail().getCode() : referral(activity, resolver).map(ServiceRequest::getCode).orElse(null);
		if (code == null) {
			return "Activity";
		}
		return code.hasText() ? code.getText() : code.getCodingFirstRep().getDisplay();
	}

	/**
	 * The activity's one instruction: its description, which says how much in words. The structured dose
	 * is not added beside it (it restated the catalogue's dose, or contradicted it once a clinician had
	 * changed one of the two); only an activity without a description is told by its dose.
	 */
	private static String description(CarePlanActivityComponent activity, Resolver resolver) {
		if (activity.hasDetail()) {
			if (activity.getDetail().hasDescription()) {
				return activity.getDetail().getDescription();
			}
			return activity.getDetail().hasScheduledTiming() && activity.getDetail().getScheduledTiming().getCode().hasText()
					? activity.getDetail().getScheduledTiming().getCode().getText() : "";
		}
		return referral(activity, resolver).map(ServiceRequest::getPatientInstruction).orElse("Referral");
	}

	private static Optional<ServiceRequest> referral(CarePlanActivityComponent activity, Resolver resolver) {
		return resolver.resolve(activity.getReference().getReference()).filter(ServiceRequest.class::isInstance).map(ServiceRequest.class::cast);
	}
}

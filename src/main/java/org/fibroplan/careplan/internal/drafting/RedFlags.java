package org.fibroplan.careplan.internal.drafting;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.assessment.AssessmentBuilder;
import org.fibroplan.careplan.internal.assessment.ClinicalVocabulary;
import org.fibroplan.careplan.internal.review.ClinicianDecisions;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.springframework.stereotype.Component;
import org.fibroplan.fhir.TransactionWrites;

/**
 * What a red flag does to a plan, in one place: each new yes to a red-flag question raises an active Flag
 * naming the answer; while a red flag is active the activities of ValueSet red-flag-paused-activities leave
 * the plan (whoever added them); the urgent clinical review the rules propose comes back even when a
 * clinician removed it earlier; and the narrative opens with it under "What to do now".
 * Which answers are red flags is the assessment's business (AssessmentBuilder); what they mean is data
 * (CodeSystem red-flag, ValueSet red-flag-paused-activities, ActivityDefinition urgent-review).
 */
@Component
public class RedFlags {

	private final DaoRegistry daos;

	public RedFlags(DaoRegistry daos) {
		this.daos = daos;
	}

	/** One active Flag per positive red-flag answer no Flag names yet, created in the answer's transaction. */
	public void raise(Assessment assessment, ClinicalVocabulary vocabulary) {
		for (Observation answer : assessment.unflaggedRedFlags()) {
			TransactionWrites.create(daos.getResourceDao(Flag.class), flagFor(answer, vocabulary), new SystemRequestDetails());
		}
	}

	private static Flag flagFor(Observation answer, ClinicalVocabulary vocabulary) {
		Coding code = answer.getCode().getCoding().stream().filter(vocabulary::isRedFlag).findFirst().orElseThrow();
		String display = vocabulary.redFlagDisplay(code.getCode());
		Flag flag = new Flag();
		flag.setStatus(Flag.FlagStatus.ACTIVE);
		flag.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")));
		flag.setCode(new CodeableConcept(new Coding(code.getSystem(), code.getCode(), display))
				.setText("Red flag: " + display + " (the patient answered yes)"));
		flag.setSubject(answer.getSubject().copy());
		flag.getPeriod().setStart(Date.from(AssessmentBuilder.effective(answer)));
		flag.addExtension(FhirTerms.FLAG_DETAIL, new Reference(AssessmentBuilder.ref(answer)));
		return flag;
	}

	/** Activities a red flag puts on hold leave the plan, whoever added them; returns what was held. */
	public static List<String> hold(CarePlan plan, CarePlanKnowledge.Knowledge knowledge, PlanNarrative.Resolver resolver) {
		ClinicalVocabulary vocabulary = knowledge.vocabulary();
		List<String> held = new ArrayList<>();
		plan.getActivity().removeIf(activity -> {
			CodeableConcept code = activity.hasDetail() ? activity.getDetail().getCode()
					: resolver.resolve(activity.getReference().getReference()).filter(ServiceRequest.class::isInstance)
							.map(r -> ((ServiceRequest) r).getCode()).orElse(null);
			Optional<String> definition = ClinicianDecisions.definition(activity);
			boolean paused = vocabulary.isPausedByRedFlag(code)
					|| definition.flatMap(knowledge.rules()::activity).map(a -> vocabulary.isPausedByRedFlag(a.getCode())).orElse(false);
			if (paused) {
				held.add(definition.orElse(code == null ? "activity" : code.getText()));
			}
			return paused;
		});
		ClinicianDecisions.dropUnreferencedContained(plan);
		return held;
	}

	/** A clinician's earlier removal does not keep the urgent review out while the rules still call for it. */
	public static boolean outlastsRemoval(String activityDefinition) {
		return FhirTerms.URGENT_REVIEW.equals(activityDefinition);
	}

	/** The urgent review, if the plan holds one. */
	static Optional<CarePlanActivityComponent> urgentReview(CarePlan plan) {
		return plan.getActivity().stream().filter(RedFlags::isUrgentReview).findFirst();
	}

	static boolean isUrgentReview(CarePlanActivityComponent activity) {
		return ClinicianDecisions.definition(activity).filter(FhirTerms.URGENT_REVIEW::equals).isPresent();
	}

	/** The narrative's first words when a red flag stands: what to do now, and why. */
	static void whatToDoNow(XhtmlNode div, String instruction, Optional<String> why) {
		XhtmlNode now = div.addTag("div");
		now.addTag("h3").addText("What to do now");
		now.addTag("p").addTag("b").addText(instruction);
		why.ifPresent(text -> now.addTag("p").addText(text));
	}
}

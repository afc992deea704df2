package org.fibroplan.ehr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

/** An approved plan becomes one idempotent FHIR transaction for an EHR that accepts writes. */
class PlanTransactionTest {

	static final String MRN = "http://hospital.example.org/mrn";
	final PlanTransaction transaction = new PlanTransaction(FhirContext.forR4Cached());

	static PlanTransaction.Plan approvedPlan() {
		CarePlan plan = new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN);
		plan.setId("CarePlan/cp1/_history/3");
		plan.getMeta().setVersionId("3");
		plan.addIdentifier().setSystem("http://fibroplan.org/fhir/careplan-id").setValue("lineage-1");
		plan.setSubject(new Reference("Patient/p1"));
		plan.setAuthor(new Reference("Practitioner/dr"));
		plan.addReplaces(new Reference("CarePlan/cp0"));
		plan.addGoal(new Reference("Goal/g1").setDisplay("Pain at least 30 % lower"));
		plan.addActivity().setReference(new Reference("ServiceRequest/s1"));
		plan.addActivity().getDetail().setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED).setDescription("Walk")
				.addReasonReference(new Reference("Observation/o1")).addGoal(new Reference("Goal/g1"));
		Goal goal = new Goal().setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE);
		goal.setId("Goal/g1/_history/2");
		goal.addIdentifier().setSystem("http://fibroplan.org/fhir/goal-id").setValue("lineage-1-pain");
		goal.getDescription().setText("Pain at least 30 % lower");
		goal.setSubject(new Reference("Patient/p1"));
		ServiceRequest referral = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE).setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
		referral.setId("ServiceRequest/s1");
		referral.addIdentifier().setSystem("http://fibroplan.org/fhir/referral-id").setValue("lineage-1-physio-referral");
		referral.setSubject(new Reference("Patient/p1"));
		referral.addBasedOn(new Reference("CarePlan/cp1"));
		return new PlanTransaction.Plan(plan, List.of(goal), List.of(referral), new Identifier().setSystem(MRN).setValue("12345"));
	}

	@Test
	void everyResourceIsAConditionalUpdateOnItsFibroPlanIdentifierAndThePatientIsFoundByMrn() {
		Bundle bundle = transaction.build(approvedPlan());

		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
		assertThat(bundle.getEntry()).extracting(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).containsExactly(
				"PUT CarePlan?identifier=http://fibroplan.org/fhir/careplan-id|lineage-1",
				"PUT Goal?identifier=http://fibroplan.org/fhir/goal-id|lineage-1-pain",
				"PUT ServiceRequest?identifier=http://fibroplan.org/fhir/referral-id|lineage-1-physio-referral",
				"PUT Provenance?_tag=http://fibroplan.org/fhir/delivery-id|cp1-v3");
		CarePlan plan = (CarePlan) bundle.getEntry().get(0).getResource();
		Goal goal = (Goal) bundle.getEntry().get(1).getResource();
		ServiceRequest referral = (ServiceRequest) bundle.getEntry().get(2).getResource();
		Provenance provenance = (Provenance) bundle.getEntry().get(3).getResource();
		String planUrl = bundle.getEntry().get(0).getFullUrl();
		String goalUrl = bundle.getEntry().get(1).getFullUrl();

		assertThat(plan.getSubject().getReference()).isEqualTo("Patient?identifier=" + MRN + "|12345");
		assertThat(goal.getSubject().getReference()).isEqualTo("Patient?identifier=" + MRN + "|12345");
		assertThat(plan.getGoalFirstRep().getReference()).isEqualTo(goalUrl);
		assertThat(plan.getActivity().get(1).getDetail().getGoalFirstRep().getReference()).isEqualTo(goalUrl);
		assertThat(plan.getActivity().get(0).getReference().getReference()).isEqualTo(bundle.getEntry().get(2).getFullUrl());
		assertThat(referral.getBasedOnFirstRep().getReference()).isEqualTo(planUrl);
		assertThat(provenance.getTargetFirstRep().getReference()).isEqualTo(planUrl);
		assertThat(plan.getIdElement().hasIdPart()).isFalse();
		assertThat(plan.hasMeta()).isFalse();
		assertThat(plan.getReplaces()).isEmpty();
	}

	@Test
	void referencesIntoFibroPlansOwnStoreTravelAsTextNotAsReferencesThatWouldDangle() {
		CarePlan plan = (CarePlan) transaction.build(approvedPlan()).getEntryFirstRep().getResource();

		Reference reason = plan.getActivity().get(1).getDetail().getReasonReferenceFirstRep();
		assertThat(reason.hasReference()).isFalse();
		assertThat(reason.getDisplay()).isEqualTo("FibroPlan Observation/o1");
		assertThat(plan.getAuthor().hasReference()).isFalse();
		assertThat(plan.getAuthor().getDisplay()).isEqualTo("FibroPlan Practitioner/dr");
	}

	@Test
	void aPlanWithoutItsFibroPlanIdentifierCannotBeDeliveredIdempotentlyAndIsRefused() {
		PlanTransaction.Plan plan = approvedPlan();
		plan.carePlan().getIdentifier().clear();
		assertThatThrownBy(() -> transaction.build(plan)).hasMessageContaining("CarePlan/cp1 has no FibroPlan identifier");
	}
}

package org.fibroplan.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.fibroplan.ehr.DeliveryStory;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The workspace's edits against the real FHIR API, as a clinician: each is one versioned write that the
 * care-plan module marks as the clinician's, and a stale version changes nothing.
 */
class PlanEditsIT extends FhirIntegrationTest {

	private static final String MASSAGE = "http://fibroplan.org/fhir/ActivityDefinition/mindfulness";
	private static final String DEFINITION = "http://fibroplan.org/fhir/StructureDefinition/activity-definition";
	private static final String EDIT = "http://fibroplan.org/fhir/StructureDefinition/clinician-edit";

	@Autowired
	PlanEdits edits;

	private IGenericClient clinician;
	private DeliveryStory story;

	@BeforeEach
	void aPatientWithADraft() {
		clinician = client(port(), Tokens.clinicianToken(port()));
		story = new DeliveryStory(this, DeliveryStory.CLINIC);
		fhir().create().resource(Answers.painNrs(story.patient, 0, 6, 5, 6)).execute();
	}

	private CarePlan draft() {
		return story.plans("draft").get(0);
	}

	@Test
	void aClinicianAddsFromTheCatalogueChangesItsDoseAndNotesWhy() {
		CarePlan plan = draft();
		String massageId = clinician.search().byUrl("ActivityDefinition?url=" + MASSAGE).returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute()
				.getEntryFirstRep().getResource().getIdElement().getIdPart();
		plan = draft();
		PlanEdits.Outcome added = edits.addActivity(clinician, plan.getIdPart(), plan.getIdElement().getVersionIdPart(), massageId);
		assertThat(added.saved()).as(added.message()).isTrue();
		plan = draft();
		var massage = plan.getActivity().stream().filter(a -> MASSAGE.equals(ActivityView.extension(a, DEFINITION))).findFirst().orElseThrow();
		assertThat(ActivityView.extension(massage, EDIT)).isEqualTo("added");
		assertThat(massage.getExtensionByUrl("http://fibroplan.org/fhir/StructureDefinition/evidence-grade")).as("the catalogue's grade comes along").isNotNull();

		PlanEdits.Outcome dose = edits.changeDose(clinician, plan.getIdPart(), plan.getIdElement().getVersionIdPart(), MASSAGE, "30 minutes once a fortnight");
		assertThat(dose.saved()).as(dose.message()).isTrue();
		plan = draft();
		massage = plan.getActivity().stream().filter(a -> MASSAGE.equals(ActivityView.extension(a, DEFINITION))).findFirst().orElseThrow();
		assertThat(((Timing) massage.getDetail().getScheduled()).getCode().getText()).isEqualTo("30 minutes once a fortnight");

		assertThat(edits.addNote(clinician, plan.getIdPart(), plan.getIdElement().getVersionIdPart(), "Prefers mornings", "Practitioner/demo-clinician").saved()).isTrue();
		assertThat(draft().getNote()).anyMatch(n -> n.getText().equals("Prefers mornings"));
	}

	@Test
	void aNewDoseGoesWithTheInstructionSoThePatientReadsOneInTheClinicianWords() {
		CarePlan plan = draft();
		String aerobic = "http://fibroplan.org/fhir/ActivityDefinition/aerobic-land";
		String catalogueWords = aerobicOf(plan).getDetail().getDescription();
		assertThat(plan.getText().getDivAsString()).as("the catalogue's instruction, once, without its dose beside it")
				.contains(catalogueWords).doesNotContain("(5 minutes 3 times a week");

		PlanEdits.Outcome contradicting = edits.changeDose(clinician, plan.getIdPart(), plan.getIdElement().getVersionIdPart(), aerobic,
				"10 minutes 3 times a week", catalogueWords);
		assertThat(contradicting.saved()).isFalse();
		assertThat(contradicting.message()).contains("Change the instruction too");
		assertThat(draft().getIdElement().getVersionIdPart()).as("nothing was written").isEqualTo(plan.getIdElement().getVersionIdPart());

		String words = "Walk or cycle at an easy pace: 10 minutes 3 times a week, then add 5 minutes every 2 weeks.";
		PlanEdits.Outcome changed = edits.changeDose(clinician, plan.getIdPart(), plan.getIdElement().getVersionIdPart(), aerobic,
				"10 minutes 3 times a week", words);
		assertThat(changed.saved()).as(changed.message()).isTrue();
		CarePlan now = draft();
		assertThat(((Timing) aerobicOf(now).getDetail().getScheduled()).getCode().getText()).isEqualTo("10 minutes 3 times a week");
		String narrative = now.getText().getDivAsString();
		assertThat(narrative).contains(words).doesNotContain("start with 5 minutes").doesNotContain("(10 minutes");

		// a referral's course is the service's: its dose is not edited here, and nothing is written
		fhir().create().resource(Answers.peg(story.patient, 7, 7, 8)).execute();
		CarePlan withReferral = draft();
		PlanEdits.Outcome referral = edits.changeDose(clinician, withReferral.getIdPart(), withReferral.getIdElement().getVersionIdPart(),
				"http://fibroplan.org/fhir/ActivityDefinition/physio-referral", "weekly", "Weekly physiotherapy");
		assertThat(referral.saved()).isFalse();
		assertThat(referral.message()).contains("referral");
	}

	private static org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent aerobicOf(CarePlan plan) {
		return plan.getActivity().stream().filter(a -> "http://fibroplan.org/fhir/ActivityDefinition/aerobic-land".equals(ActivityView.extension(a, DEFINITION)))
				.findFirst().orElseThrow();
	}

	@Test
	void aTreatmentGuidelinesAdviseAgainstIsAddedOnlyWithTheClinicianReasonKeptWithIt() {
		String chiropracticId = clinician.search().byUrl("ActivityDefinition?url=http://fibroplan.org/fhir/ActivityDefinition/chiropractic")
				.returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
		CarePlan plan = draft();
		PlanEdits.Outcome silent = edits.addActivity(clinician, plan.getIdPart(), plan.getIdElement().getVersionIdPart(), chiropracticId, " ");
		assertThat(silent.saved()).isFalse();
		assertThat(silent.message()).contains("advise against", "Strong against", "Say why");
		assertThat(draft().getIdElement().getVersionIdPart()).as("nothing was written").isEqualTo(plan.getIdElement().getVersionIdPart());

		String reason = "You already see a chiropractor and want it on your plan; we agreed to review it in 6 weeks.";
		PlanEdits.Outcome added = edits.addActivity(clinician, plan.getIdPart(), plan.getIdElement().getVersionIdPart(), chiropracticId, reason);
		assertThat(added.saved()).as(added.message()).isTrue();
		CarePlan now = draft();
		var chiropractic = now.getActivity().stream()
				.filter(a -> "http://fibroplan.org/fhir/ActivityDefinition/chiropractic".equals(ActivityView.extension(a, DEFINITION))).findFirst().orElseThrow();
		assertThat(chiropractic.getDetail().getReasonCode()).as("the reason is kept with the activity").singleElement()
				.satisfies(c -> assertThat(c.getText()).isEqualTo(reason));
		assertThat(ActivityView.extension(chiropractic, EDIT)).isEqualTo("added");
		assertThat(now.getText().getDivAsString()).as("the patient reads it as the why").contains("Why: " + reason);
	}

	@Test
	void anEditOnAnOutdatedVersionIsRefusedAndChangesNothing() {
		CarePlan seen = draft();
		edits.addNote(clinician, seen.getIdPart(), seen.getIdElement().getVersionIdPart(), "First", "Practitioner/demo-clinician");
		String key = ActivityView.extension(seen.getActivityFirstRep(), DEFINITION);
		PlanEdits.Outcome stale = edits.removeActivity(clinician, seen.getIdPart(), seen.getIdElement().getVersionIdPart(), key);
		assertThat(stale.conflict()).isTrue();
		String title = ActivityView.text(seen.getActivityFirstRep().getDetail().getCode());
		assertThat(stale.message()).as("the change is named in the clinician's words").contains("remove “" + title + "”");
		assertThat(draft().getActivity()).anyMatch(a -> key.equals(ActivityView.extension(a, DEFINITION)));
	}

	@Test
	void aGoalIsReworded() {
		CarePlan plan = draft();
		Goal goal = clinician.read().resource(Goal.class).withUrl(plan.getGoalFirstRep().getReference()).execute();
		PlanEdits.Outcome outcome = edits.editGoal(clinician, goal.getIdPart(), goal.getIdElement().getVersionIdPart(), "Walk to the shop without a rest");
		assertThat(outcome.saved()).as(outcome.message()).isTrue();
		Goal now = clinician.read().resource(Goal.class).withId(goal.getIdPart()).execute();
		assertThat(now.getDescription().getText()).isEqualTo("Walk to the shop without a rest");
		assertThat(now.getExtensionByUrl(EDIT)).isNotNull();
	}

	@Test
	void approvalThenARetryOfAFailedDelivery() {
		CarePlan plan = draft();
		assertThat(edits.approve(clinician, plan.getIdPart(), plan.getIdElement().getVersionIdPart()).saved()).isTrue();
		CarePlan active = story.plans("active").get(0);
		// the EHR does not know this patient yet: refused, failed at once
		Task failed = story.awaitStatus(active, "clinic-ehr", Task.TaskStatus.FAILED);
		story.knownToTheEhr();
		PlanEdits.Outcome retry = edits.retryDelivery(clinician, failed.getIdPart());
		assertThat(retry.saved()).as(retry.message()).isTrue();
		story.awaitStatus(active, "clinic-ehr", Task.TaskStatus.COMPLETED);
	}
}

package org.fibroplan.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.FhirServerUnderTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

/**
 * From answers to an approved plan over HTTP with real tokens: the care-plan contract of design.md, run on
 * H2 ({@link CarePlanOnH2IT}) and on PostgreSQL ({@link CarePlanOnPostgresIT}).
 */
interface CarePlanStories extends FhirServerUnderTest {

	String AD = "http://fibroplan.org/fhir/ActivityDefinition/";
	String EXT = "http://fibroplan.org/fhir/StructureDefinition/";

	private String newPatient() {
		return fhir().create().resource(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Story")))
				.execute().getId().getIdPart();
	}

	private IdType answer(QuestionnaireResponse response) {
		return (IdType) fhir().create().resource(response).execute().getId();
	}

	private List<CarePlan> plans(String patient, String status) {
		return fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=" + status).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (CarePlan) e.getResource()).toList();
	}

	private CarePlan draft(String patient) {
		List<CarePlan> drafts = plans(patient, "draft");
		assertThat(drafts).as("drafts of Patient/" + patient).hasSize(1);
		return drafts.get(0);
	}

	static List<String> activities(CarePlan plan) {
		return plan.getActivity().stream().map(a -> a.getExtensionByUrl(EXT + "activity-definition").getValue().primitiveValue().substring(AD.length())).toList();
	}

	static CarePlanActivityComponent activity(CarePlan plan, String id) {
		return plan.getActivity().stream().filter(a -> a.getExtensionByUrl(EXT + "activity-definition").getValue().primitiveValue().equals(AD + id))
				.findFirst().orElseThrow();
	}

	private List<Provenance> provenance(IdType plan) {
		return fhir().search().byUrl("Provenance?target=" + plan.toUnqualifiedVersionless().getValue()).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (Provenance) e.getResource()).toList();
	}

	@Test
	default void answeringDraftsOnePlanInTheSameTransactionAndLaterAnswersReviseIt() {
		String patient = newPatient();
		IdType painResponse = answer(Answers.painNrs(patient, 6, 0, 5, 7));

		CarePlan draft = draft(patient);
		assertThat(draft.getIdentifier()).anySatisfy(i -> assertThat(i.getSystem()).isEqualTo("http://fibroplan.org/fhir/careplan-id"));
		assertThat(draft.getText().getDivAsString()).contains("Hip-flexor");
		assertThat(activities(draft)).contains("hip-flexor-stretch", "core-stabilisation", "aerobic-land", "follow-up-peg");
		assertThat(activity(draft, "hip-flexor-stretch").getDetail().getReasonReference()).isNotEmpty();
		assertThat(draft.getGoal()).isNotEmpty().allSatisfy(goal -> assertThat(goal.getReference()).startsWith("Goal/"));
		Goal pain = fhir().read().resource(Goal.class).withUrl(draft.getGoal().get(0).getReference()).execute();
		assertThat(pain.getLifecycleStatus()).isEqualTo(Goal.GoalLifecycleStatus.PROPOSED);
		assertThat(provenance(draft.getIdElement())).anySatisfy(p -> {
			assertThat(p.getActivity().getCodingFirstRep().getCode()).isEqualTo("drafted");
			assertThat(p.getEntity()).extracting(e -> e.getWhat().getReference()).contains(painResponse.toUnqualifiedVersionless().getValue());
		});

		answer(Answers.peg(patient, 8, 8, 8));
		CarePlan revised = draft(patient);
		assertThat(revised.getIdElement().getIdPart()).isEqualTo(draft.getIdElement().getIdPart());
		assertThat(revised.getIdentifier().get(0).getValue()).isEqualTo(draft.getIdentifier().get(0).getValue());
		assertThat(activities(revised)).contains("multicomponent-programme", "physio-referral", "medication-review");
		ServiceRequest referral = fhir().read().resource(ServiceRequest.class).withUrl(activity(revised, "physio-referral").getReference().getReference()).execute();
		assertThat(referral.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.DRAFT);
		assertThat(referral.getBasedOnFirstRep().getReference()).isEqualTo(revised.getIdElement().toUnqualifiedVersionless().getValue());
	}

	@Test
	default void hipPainOfSixGetsTheStretchesGradedAsPartOfTheExerciseProgrammeNotStrongForOnTheirOwn() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 6, 0, 0, 6));

		CarePlan draft = draft(patient);
		assertThat(activities(draft)).contains("hip-flexor-stretch", "gluteal-piriformis-stretch", "hamstring-stretch", "aerobic-land");
		for (String stretch : List.of("hip-flexor-stretch", "gluteal-piriformis-stretch", "hamstring-stretch")) {
			CodeableConcept evidence = (CodeableConcept) activity(draft, stretch).getExtensionByUrl(EXT + "evidence-grade").getValue();
			assertThat(evidence.getCodingFirstRep().getCode()).as(stretch).isEqualTo("not-graded-alone");
			assertThat(evidence.getText()).as(stretch).startsWith("Part of an exercise programme: EULAR 2016 strong for exercise")
					.contains("flexibility work alone: low-certainty evidence");
		}
		CodeableConcept walking = (CodeableConcept) activity(draft, "aerobic-land").getExtensionByUrl(EXT + "evidence-grade").getValue();
		assertThat(walking.getCodingFirstRep().getCode()).isEqualTo("strong-for");
		assertThat(draft.getText().getDivAsString()).contains("Evidence: Part of an exercise programme");
	}

	@Test
	default void hipPainOnlyAndNoPreferenceIsOfferedSupervisedGroupExerciseCitingNiceNg193() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 0, 5, 0, 5));

		CarePlan draft = draft(patient);
		assertThat(activities(draft)).contains("group-exercise").doesNotContain("core-stabilisation");
		CodeableConcept grade = (CodeableConcept) activity(draft, "group-exercise").getExtensionByUrl(EXT + "evidence-grade").getValue();
		assertThat(grade.getCodingFirstRep().getCode()).isEqualTo("strong-for");
		assertThat(grade.getText()).startsWith("NICE NG193: offer a supervised group exercise programme");
		assertThat(activity(draft, "group-exercise").getExtensionByUrl(EXT + "activity-rationale").getValue().primitiveValue())
				.contains("(NG193)").doesNotContain("NG59");
	}

	@Test
	default void stressAndWeatherAsFlareTriggersGetStressManagementAndHeatOrColdAndPacingThatNameTheWeather() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 0, 0, 5, 5));
		answer(Answers.contextWithTriggers(patient, "sleep-fairly-good", "trigger-stress", "trigger-weather"));

		CarePlan draft = draft(patient);
		assertThat(activities(draft)).contains("mindfulness", "heat-cold", "pacing").doesNotContain("sleep-hygiene");
		assertThat(activity(draft, "mindfulness").getExtensionByUrl(EXT + "activity-rationale").getValue().primitiveValue())
				.startsWith("You said stress sets off your flares");
		assertThat(((CodeableConcept) activity(draft, "mindfulness").getExtensionByUrl(EXT + "evidence-grade").getValue()).getCodingFirstRep().getCode())
				.isEqualTo("weak-for");
		assertThat(activity(draft, "heat-cold").getExtensionByUrl(EXT + "activity-rationale").getValue().primitiveValue())
				.contains("changes in the weather set off your flares");
		assertThat(activity(draft, "pacing").getExtensionByUrl(EXT + "activity-rationale").getValue().primitiveValue())
				.contains("when the weather is changing");
		assertThat(activity(draft, "pacing").getDetail().getReasonReference()).as("the trigger answer behind it").isNotEmpty();
	}

	@Test
	default void aPainScorePostedDirectlyAlsoRevisesTheDraft() {
		String patient = newPatient();
		Observation score = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		score.getCode().addCoding(new Coding("http://loinc.org", "72514-3", null));
		score.setSubject(new Reference("Patient/" + patient));
		score.setEffective(DateTimeType.now());
		score.setValue(new IntegerType(6));
		score.setBodySite(new CodeableConcept(new Coding("http://snomed.info/sct", "37822005", null)));
		fhir().create().resource(score).execute();

		assertThat(activities(draft(patient))).contains("core-stabilisation").doesNotContain("hip-flexor-stretch");
	}

	@Test
	default void twoAnswerSetsInOneTransactionLeaveOneDraftThatReflectsBoth() {
		String patient = newPatient();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(Answers.painNrs(patient, 0, 5, 0, 5)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("QuestionnaireResponse");
		transaction.addEntry().setResource(Answers.peg(patient, 8, 8, 8)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("QuestionnaireResponse");
		fhir().transaction().withBundle(transaction).execute();

		assertThat(activities(draft(patient))).contains("hip-flexor-stretch", "multicomponent-programme");
	}

	@Test
	default void aRedFlagRaisesAnActiveFlagAndHoldsThePlanUntilAClinicianClosesIt() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 0, 0, 7, 7));
		answer(Answers.redFlags(patient, "bladder-bowel"));

		List<Flag> flags = fhir().search().byUrl("Flag?subject=Patient/" + patient).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (Flag) e.getResource()).filter(f -> f.getStatus() == Flag.FlagStatus.ACTIVE).toList();
		assertThat(flags).singleElement().satisfies(flag -> {
			assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("bladder-bowel");
			assertThat(flag.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/flag-detail")).isNotNull();
		});
		CarePlan onHold = draft(patient);
		assertThat(activities(onHold)).containsExactly("urgent-review");
		assertThat(onHold.getText().getDivAsString()).contains("What to do now").contains("New bladder or bowel dysfunction");

		answer(Answers.redFlags(patient));
		assertThat(activities(draft(patient))).as("a later 'no' does not bury the flag").containsExactly("urgent-review");

		Flag flag = flags.get(0);
		flag.setStatus(Flag.FlagStatus.INACTIVE);
		FhirIntegrationTest.client(port(), Tokens.clinicianToken(port())).update().resource(flag).execute();
		answer(Answers.peg(patient, 5, 5, 5));
		assertThat(activities(draft(patient))).contains("core-stabilisation").doesNotContain("urgent-review");
	}

	@Test
	default void aTaskForTheClinicianIsInThePlanButNeverInTheNarrativeThePatientReads() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 0, 0, 5, 5));
		answer(Answers.phq2(patient, 2, 2));
		CarePlan draft = draft(patient);
		assertThat(activities(draft)).as("a positive mood screen").contains("mood-assessment", "cbt");
		assertThat(draft.getText().getDivAsString()).contains("Cognitive behavioural therapy")
				.doesNotContain("assess mood further").doesNotContain("For the clinician").doesNotContain("ask about safety");

		// a clinician's write regenerates the narrative: still without the task, which stays in the plan
		draft.addNote().setText("Discussed the screen with the patient");
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		FhirIntegrationTest.client(port(), Tokens.clinicianToken(port())).update().resource(draft).withId(draft.getIdElement()).execute();
		CarePlan active = plans(patient, "active").get(0);
		assertThat(activities(active)).contains("mood-assessment");
		assertThat(active.getText().getDivAsString()).contains("Cognitive behavioural therapy").doesNotContain("assess mood further");
	}

	@Test
	default void aClinicianClosesARedFlagWithWhatWasDecidedKeptWithTheFlagAndAProvenanceAndThePlanResumes() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 0, 0, 7, 7));
		answer(Answers.redFlags(patient, "night-pain"));
		IGenericClient clinician = FhirIntegrationTest.client(port(), Tokens.clinicianToken(port()));
		Flag flag = activeFlags(patient).get(0);
		assertThat(activities(draft(patient))).containsExactly("urgent-review");

		Flag withoutNote = flag.copy();
		withoutNote.setStatus(Flag.FlagStatus.INACTIVE).addExtension(review("resolved", " "));
		assertThatThrownBy(() -> clinician.update().resource(withoutNote).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(422));
		Flag unknownOutcome = flag.copy();
		unknownOutcome.setStatus(Flag.FlagStatus.INACTIVE).addExtension(review("all-fine", "Phoned"));
		assertThatThrownBy(() -> clinician.update().resource(unknownOutcome).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(422));
		assertThat(activeFlags(patient)).as("a refused review closes nothing").hasSize(1);

		Extension review = review("resolved", "Phoned the patient: night pain since moving house, no other signs. Plan resumes.");
		review.addExtension("author", new Reference("Practitioner/someone-else"));
		flag.setStatus(Flag.FlagStatus.INACTIVE).addExtension(review);
		clinician.update().resource(flag).execute();

		Flag closed = fhir().read().resource(Flag.class).withId(flag.getIdElement().getIdPart()).execute();
		assertThat(closed.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
		assertThat(closed.getPeriod().hasEnd()).isTrue();
		Extension kept = closed.getExtensionByUrl(EXT + "red-flag-review");
		assertThat(((Coding) kept.getExtensionByUrl("outcome").getValue()).getCode()).isEqualTo("resolved");
		assertThat(kept.getExtensionByUrl("note").getValue().primitiveValue()).startsWith("Phoned the patient");
		assertThat(kept.getExtensionsByUrl("author")).as("who comes from the token, not the body").singleElement()
				.satisfies(a -> assertThat(((Reference) a.getValue()).getReference()).isEqualTo("Practitioner/demo-clinician"));
		assertThat(kept.getExtensionByUrl("date")).isNotNull();

		List<Provenance> provenance = fhir().search().byUrl("Provenance?target=" + closed.getIdElement().toUnqualified().getValue())
				.returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Provenance) e.getResource()).toList();
		assertThat(provenance).singleElement().satisfies(p -> {
			assertThat(p.getActivity().getCodingFirstRep().getCode()).isEqualTo("resolved");
			assertThat(p.getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/demo-clinician");
			assertThat(p.getEntity()).extracting(e -> e.getWhat().getReference()).anyMatch(r -> r.startsWith("Observation/"));
		});
		assertThat(fhir().search().byUrl("AuditEvent?entity=" + closed.getIdElement().toUnqualifiedVersionless().getValue())
				.returnBundle(Bundle.class).execute().getEntry()).as("the review is audited like every write").isNotEmpty();
		assertThat(activities(draft(patient))).as("the draft is revised at once: no hold, no urgent review")
				.doesNotContain("urgent-review").contains("core-stabilisation");
	}

	@Test
	default void theUrgentReviewLeavesThePlanWhileARedFlagStandsOnlyWithTheClinicianReason() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 0, 0, 7, 7));
		answer(Answers.redFlags(patient, "fever-chills"));
		IGenericClient clinician = FhirIntegrationTest.client(port(), Tokens.clinicianToken(port()));
		CarePlan draft = draft(patient);
		draft.getActivity().removeIf(a -> a.getExtensionByUrl(EXT + "activity-definition").getValue().primitiveValue().equals(AD + "urgent-review"));
		assertThatThrownBy(() -> clinician.update().resource(draft).withId(draft.getIdElement()).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
					assertThat(e.getStatusCode()).isEqualTo(422);
					assertThat(e.getMessage()).contains("red flag");
				});
		assertThat(activities(draft(patient))).as("nothing stored").containsExactly("urgent-review");

		draft.addNote().setText("Seen in clinic today: temperature normal, bloods sent; reviewing the results tomorrow.")
				.addExtension(EXT + "removed-activity", new org.hl7.fhir.r4.model.CanonicalType(AD + "urgent-review"));
		clinician.update().resource(draft).withId(draft.getIdElement()).execute();
		CarePlan edited = draft(patient);
		assertThat(activities(edited)).doesNotContain("urgent-review");
		assertThat(edited.getNote()).singleElement().satisfies(note -> {
			assertThat(note.getText()).startsWith("Seen in clinic today");
			assertThat(note.getAuthorReference().getReference()).isEqualTo("Practitioner/demo-clinician");
			assertThat(note.hasTime()).isTrue();
		});
	}

	private List<Flag> activeFlags(String patient) {
		return fhir().search().byUrl("Flag?subject=Patient/" + patient).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (Flag) e.getResource()).filter(f -> f.getStatus() == Flag.FlagStatus.ACTIVE).toList();
	}

	private static Extension review(String outcome, String note) {
		Extension review = new Extension(EXT + "red-flag-review");
		review.addExtension("outcome", new Coding("http://fibroplan.org/fhir/CodeSystem/red-flag-review-outcome", outcome, null));
		review.addExtension("note", new org.hl7.fhir.r4.model.StringType(note));
		return review;
	}

	@Test
	default void aClinicianEditIsKeptWhenNewAnswersReviseTheDraftAndAStaleEditGets412() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 5, 0, 0, 5));
		answer(Answers.context(patient, "sleep-fairly-good", 30, false, false, "pref-massage"));
		IGenericClient clinician = FhirIntegrationTest.client(port(), Tokens.clinicianToken(port()));
		CarePlan draft = draft(patient);
		assertThat(activities(draft)).contains("massage", "heat-cold");

		draft.getActivity().removeIf(a -> a.getExtensionByUrl(EXT + "activity-definition").getValue().primitiveValue().equals(AD + "massage"));
		activity(draft, "aerobic-land").getDetail().setDescription("Walk 10 minutes on 3 days a week; add 5 minutes every 2 weeks.");
		CarePlanActivityComponent chiropractic = draft.addActivity();
		chiropractic.getDetail().setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED).setDescription("Patient sees a chiropractor privately.")
				.setCode(new CodeableConcept(new Coding("http://fibroplan.org/fhir/CodeSystem/care-activity", "chiropractic", "Chiropractic")));
		CarePlan edited = (CarePlan) clinician.update().resource(draft).withId(draft.getIdElement()).execute().getResource();
		if (edited == null) {
			edited = draft(patient);
		}
		assertThat(activity(edited, "aerobic-land").getExtensionByUrl(EXT + "clinician-edit").getValue().primitiveValue()).isEqualTo("modified");
		assertThat(((CodeableConcept) activity(edited, "chiropractic").getExtensionByUrl(EXT + "evidence-grade").getValue()).getCodingFirstRep().getCode())
				.isEqualTo("strong-against");
		assertThat(edited.getExtensionsByUrl(EXT + "declined-activity")).extracting(e -> e.getValue().primitiveValue()).containsExactly(AD + "massage");

		answer(Answers.peg(patient, 6, 6, 6));
		CarePlan revised = draft(patient);
		assertThat(activities(revised)).doesNotContain("massage").contains("chiropractic", "aerobic-land");
		assertThat(activity(revised, "aerobic-land").getDetail().getDescription()).isEqualTo("Walk 10 minutes on 3 days a week; add 5 minutes every 2 weeks.");

		CarePlan stale = draft;
		stale.setDescription("An edit made on an old copy");
		assertThatThrownBy(() -> clinician.update().resource(stale).withId(stale.getIdElement()).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(412));
	}

	@Test
	default void aClinicianApprovesTheDraftAndTheNextApprovalRevokesAndReplacesIt() {
		String patient = newPatient();
		IdType answered = answer(Answers.painNrs(patient, 0, 6, 0, 6));
		IGenericClient clinician = FhirIntegrationTest.client(port(), Tokens.clinicianToken(port()));
		CarePlan first = draft(patient);
		first.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician.update().resource(first).withId(first.getIdElement()).execute();

		CarePlan active = plans(patient, "active").get(0);
		assertThat(active.getPeriod().hasStart()).isTrue();
		assertThat(active.getAuthor().getReference()).isEqualTo("Practitioner/demo-clinician");
		assertThat(provenance(active.getIdElement())).anySatisfy(p -> {
			assertThat(p.getActivity().getCodingFirstRep().getCode()).isEqualTo("approved");
			assertThat(p.getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/demo-clinician");
			assertThat(p.getTargetFirstRep().getReference()).endsWith("/_history/" + active.getMeta().getVersionId());
			assertThat(p.getEntity()).extracting(e -> e.getWhat().getReference())
					.contains(answered.toUnqualifiedVersionless().getValue(), "PlanDefinition/fm-care-plan");
		});
		Goal goal = fhir().read().resource(Goal.class).withUrl(active.getGoal().get(0).getReference()).execute();
		assertThat(goal.getLifecycleStatus()).isEqualTo(Goal.GoalLifecycleStatus.ACTIVE);
		assertThat(plans(patient, "draft")).isEmpty();

		answer(Answers.peg(patient, 7, 7, 7));
		CarePlan second = draft(patient);
		assertThat(second.getIdElement().getIdPart()).isNotEqualTo(active.getIdElement().getIdPart());
		assertThat(second.getIdentifier().get(0).getValue()).isEqualTo(active.getIdentifier().get(0).getValue());
		second.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician.update().resource(second).withId(second.getIdElement()).execute();

		CarePlan now = plans(patient, "active").get(0);
		assertThat(now.getIdElement().getIdPart()).isEqualTo(second.getIdElement().getIdPart());
		assertThat(now.getReplacesFirstRep().getReference()).isEqualTo(active.getIdElement().toUnqualifiedVersionless().getValue());
		assertThat(now.getPeriod().getStart()).isEqualTo(active.getPeriod().getStart());
		assertThat(plans(patient, "revoked")).singleElement()
				.satisfies(p -> assertThat(p.getIdElement().getIdPart()).isEqualTo(active.getIdElement().getIdPart()));
	}

	@Test
	default void onlyAClinicianMayApproveAndAPatientNeverSeesTheDraft() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 0, 6, 0, 6));
		CarePlan draft = draft(patient);
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);

		assertThatThrownBy(() -> fhir().update().resource(draft).withId(draft.getIdElement()).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
					assertThat(e.getStatusCode()).isEqualTo(403);
					assertThat(e.getResponseBody()).contains("Only a clinician can approve");
				});
		assertThat(plans(patient, "active")).isEmpty();

		IGenericClient demoPatient = FhirIntegrationTest.client(port(), Tokens.patientToken(port(), "patient"));
		demoPatient.create().resource(Answers.peg("demo-patient", 4, 4, 4)).execute();
		Bundle seen = demoPatient.search().byUrl("CarePlan?subject=Patient/demo-patient").returnBundle(Bundle.class).execute();
		assertThat(seen.getEntry()).noneMatch(e -> ((CarePlan) e.getResource()).getStatus() == CarePlan.CarePlanStatus.DRAFT);
		Bundle goals = demoPatient.search().byUrl("Goal?subject=Patient/demo-patient").returnBundle(Bundle.class).execute();
		assertThat(goals.getEntry()).as("the draft's proposed goals are not the patient's yet")
				.noneMatch(e -> ((Goal) e.getResource()).getLifecycleStatus() == Goal.GoalLifecycleStatus.PROPOSED);
	}

	@Test
	default void applyReturnsWhatTheRulesWouldDraftWithoutStoringAnything() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 4, 0, 6, 6));
		int plansBefore = fhir().search().byUrl("CarePlan?subject=Patient/" + patient).returnBundle(Bundle.class).execute().getEntry().size();

		Parameters in = new Parameters();
		in.addParameter().setName("subject").setValue(new org.hl7.fhir.r4.model.StringType("Patient/" + patient));
		CarePlan applied = FhirIntegrationTest.client(port(), Tokens.clinicianToken(port())).operation().onInstance(new IdType("PlanDefinition", "fm-care-plan"))
				.named("$apply").withParameters(in).useHttpGet().returnResourceType(CarePlan.class).execute();

		assertThat(applied.getIdElement().hasIdPart()).isFalse();
		assertThat(activities(applied)).contains("hip-flexor-stretch", "core-stabilisation");
		assertThat(applied.getContained()).anyMatch(Goal.class::isInstance);
		assertThat(fhir().search().byUrl("CarePlan?subject=Patient/" + patient).returnBundle(Bundle.class).execute().getEntry()).hasSize(plansBefore);

		assertThatThrownBy(() -> fhir().operation().onInstance(new IdType("PlanDefinition", "fm-care-plan")).named("$apply")
				.withSearchParameter(Parameters.class, "subject", new ca.uhn.fhir.rest.param.StringParam("Patient/no-such-patient"))
				.useHttpGet().returnResourceType(CarePlan.class).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
					assertThat(e.getStatusCode()).isEqualTo(404);
					assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
				});
	}

	private IGenericClient clinician() {
		return FhirIntegrationTest.client(port(), Tokens.clinicianToken(port()));
	}

	/** An answer given now, a minute after the ones {@link Answers} dates, so it is unmistakably the latest. */
	private IdType answerNow(QuestionnaireResponse response) {
		return answer(response.setAuthored(new java.util.Date()));
	}

	private String assessed(String patient, String variable) {
		Parameters assessment = clinician().operation().onInstance("Patient/" + patient).named("$assessment")
				.withNoParameters(Parameters.class).useHttpGet().execute();
		return assessment.getParameter().stream().filter(p -> variable.equals(p.getName())).map(p -> p.getValue().primitiveValue())
				.findFirst().orElse(null);
	}

	private CarePlan approve(String patient) {
		CarePlan draft = draft(patient);
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician().update().resource(draft).withId(draft.getIdElement()).execute();
		return plans(patient, "active").get(0);
	}

	static List<String> baseline(CarePlan plan) {
		return plan.getSupportingInfo().stream().map(Reference::getReference).sorted().toList();
	}

	private Goal goal(CarePlan plan, String goalId) {
		Reference reference = plan.getGoal().stream().filter(g -> g.getIdentifier().getValue().endsWith("-" + goalId)).findFirst().orElseThrow();
		return fhir().read().resource(Goal.class).withUrl(reference.getReference()).execute();
	}

	private static String achievement(Goal goal) {
		return goal.getAchievementStatus().getCodingFirstRep().getCode();
	}

	@Test
	default void theBaselineApprovalFixedStaysAndAPegOfSixAfterFourPointThreeThreeIsADeterioration() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 5, 0, 0, 6));
		answer(Answers.peg(patient, 4, 4, 5));
		List<String> drafted = baseline(draft(patient));
		CarePlan active = approve(patient);

		assertThat(baseline(active)).as("approval fixes the draft's baseline").isEqualTo(drafted).isNotEmpty();
		assertThat(assessed(patient, "pegBaseline")).as("right after approval").isEqualTo("4.33");
		Goal function = goal(active, "function");
		assertThat(function.getLifecycleStatus()).isEqualTo(Goal.GoalLifecycleStatus.ACTIVE);
		String today = new org.hl7.fhir.r4.model.DateType(new java.util.Date()).getValueAsString();
		assertThat(function.getStartDateType().getValueAsString()).isEqualTo(today);
		assertThat(function.getTargetFirstRep().getDueDateType().getValueAsString()).isEqualTo(java.time.LocalDate.parse(today).plusWeeks(12).toString());
		assertThat(function.getTargetFirstRep().getDetailQuantity().getValue()).isEqualByComparingTo("3.0");
		assertThat(achievement(function)).isEqualTo("in-progress");

		answerNow(Answers.peg(patient, 6, 6, 6));
		assertThat(assessed(patient, "pegBaseline")).isEqualTo("4.33");
		assertThat(assessed(patient, "pegChangePercent")).isEqualTo("39");
		assertThat(assessed(patient, "pegImprovement")).isEqualTo("deterioration");
		assertThat(baseline(plans(patient, "active").get(0))).isEqualTo(drafted);
		assertThat(baseline(draft(patient))).as("the next draft names the same baseline").isEqualTo(drafted);
		Goal judged = goal(active, "function");
		assertThat(achievement(judged)).isEqualTo("worsening");
		assertThat(judged.getTargetFirstRep().getDetailQuantity().getValue()).as("no drift").isEqualByComparingTo("3.0");
		assertThat(achievement(goal(active, "pain"))).as("no new worst-pain score").isEqualTo("in-progress");

		CarePlan second = approve(patient);
		assertThat(baseline(second)).as("a later approval keeps the first plan's baseline").isEqualTo(drafted);
		assertThat(assessed(patient, "pegBaseline")).isEqualTo("4.33");
	}

	@Test
	default void aPegOfEightFallingToThreePointSixSevenAchievesTheFunctionGoalWithoutEscalation() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 0, 0, 6, 6));
		answer(Answers.peg(patient, 8, 8, 8));
		CarePlan active = approve(patient);
		assertThat(activities(active)).contains("multicomponent-programme");
		assertThat(goal(active, "function").getTargetFirstRep().getDetailQuantity().getValue()).isEqualByComparingTo("5.6");

		answerNow(Answers.peg(patient, 4, 4, 3));
		assertThat(assessed(patient, "pegImprovement")).isEqualTo("substantial");
		assertThat(achievement(goal(active, "function"))).isEqualTo("achieved");
		assertThat(activities(draft(patient))).doesNotContain("multicomponent-programme", "medication-review");
	}

	@Test
	default void aRiseOfSevenPercentIsNoImportantChange() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 0, 0, 5, 5));
		answer(Answers.peg(patient, 5, 5, 4));
		CarePlan active = approve(patient);

		answerNow(Answers.peg(patient, 5, 5, 5));
		assertThat(assessed(patient, "pegChangePercent")).isEqualTo("7");
		assertThat(assessed(patient, "pegImprovement")).isEqualTo("none");
		assertThat(achievement(goal(active, "function"))).isEqualTo("no-change");
	}

	@Test
	default void onlyAClinicianNamingAnotherObservationInSupportingInfoMovesTheBaseline() {
		String patient = newPatient();
		answer(Answers.painNrs(patient, 0, 0, 5, 5));
		IdType firstPeg = answer(Answers.peg(patient, 8, 8, 8));
		CarePlan active = approve(patient);
		answerNow(Answers.peg(patient, 6, 6, 6));
		assertThat(assessed(patient, "pegBaseline")).isEqualTo("8.00");

		Observation newer = fhir().search().byUrl("Observation?subject=Patient/" + patient + "&code=http://loinc.org|91147-9").returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (Observation) e.getResource())
				.filter(o -> !o.getDerivedFromFirstRep().getReferenceElement().getIdPart().equals(firstPeg.getIdPart()))
				.findFirst().orElseThrow();
		String oldPeg = active.getSupportingInfo().stream().map(Reference::getReference)
				.filter(r -> !r.equals(newer.getIdElement().toUnqualifiedVersionless().getValue()))
				.filter(r -> fhir().read().resource(Observation.class).withUrl(r).execute().getCode().getCodingFirstRep().getCode().equals("91147-9"))
				.findFirst().orElseThrow();
		active = plans(patient, "active").get(0);
		active.getSupportingInfo().removeIf(r -> r.getReference().equals(oldPeg));
		active.addSupportingInfo(new Reference(newer.getIdElement().toUnqualifiedVersionless().getValue()));
		clinician().update().resource(active).withId(active.getIdElement()).execute();

		assertThat(assessed(patient, "pegBaseline")).isEqualTo("6.00");
		assertThat(assessed(patient, "pegImprovement")).isEqualTo("none");
		assertThat(baseline(approve(patient))).as("approving the next draft keeps the clinician's baseline")
				.contains(newer.getIdElement().toUnqualifiedVersionless().getValue()).doesNotContain(oldPeg);

		answer(Answers.peg(patient, 5, 5, 5));
		assertThat(baseline(draft(patient))).as("the next draft carries the clinician's baseline, marked as theirs")
				.contains(newer.getIdElement().toUnqualifiedVersionless().getValue()).doesNotContain(oldPeg);
		assertThat(draft(patient).getSupportingInfoFirstRep().getExtensionByUrl(EXT + "clinician-edit")).isNotNull();
		assertThat(assessed(patient, "pegBaseline")).isEqualTo("6.00");
	}
}

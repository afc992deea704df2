package org.fibroplan.careplan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.fibroplan.careplan.internal.drafting.PlanBuilder;
import org.fibroplan.careplan.internal.drafting.PlanDrafter;
import org.fibroplan.careplan.internal.drafting.RedFlags;
import org.fibroplan.careplan.internal.goals.GoalAchievement;
import org.fibroplan.careplan.internal.goals.GoalActivation;
import org.fibroplan.careplan.internal.review.ClinicianDecisions;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

/** Clinical stories in, drafted plans out: the rules of fhir-profiles/ applied without a server. */
class PlanStoriesTest {

	static final CarePlanKnowledge KNOWLEDGE = new CarePlanKnowledge(PackageDefinitions.INSTANCE, FhirContext.forR4Cached());
	static final PlanBuilder BUILDER = new PlanBuilder(KNOWLEDGE.expressions());
	static final List<String> EXERCISE = List.of("aerobic-land", "aerobic-pool", "strength-training", "hip-flexor-stretch",
			"gluteal-piriformis-stretch", "hamstring-stretch", "core-stabilisation", "lumbar-mobility", "group-exercise",
			"meditative-movement", "hydrotherapy", "massage", "chiropractic", "acupuncture");

	static PlanBuilder.Built plan(PatientStory story) {
		return BUILDER.build(KNOWLEDGE.current(), story.record(), story.now());
	}

	static List<String> activities(CarePlan plan) {
		return PlanDrafter.activityDefinitions(plan).stream().map(url -> url.substring(url.lastIndexOf('/') + 1)).toList();
	}

	static CarePlanActivityComponent activity(CarePlan plan, String id) {
		return plan.getActivity().stream().filter(a -> ClinicianDecisions.definition(a).orElse("").endsWith("/" + id)).findFirst().orElseThrow();
	}

	static String rationale(CarePlan plan, String id) {
		return activity(plan, id).getExtensionByUrl(FhirTerms.RATIONALE).getValue().primitiveValue();
	}

	static String grade(CarePlan plan, String id) {
		return ((CodeableConcept) activity(plan, id).getExtensionByUrl(FhirTerms.EVIDENCE_GRADE).getValue()).getCodingFirstRep().getCode();
	}

	static <T> Optional<T> contained(CarePlan plan, Class<T> type, String localId) {
		return plan.getContained().stream().filter(type::isInstance).filter(r -> r.getIdElement().getIdPart().equals(localId)).map(type::cast).findFirst();
	}

	@Test
	void hipOnlyPainGetsTheHipStretchesAndTheCoreProgrammeButNoBackExercises() {
		CarePlan plan = plan(new PatientStory("hip").day(0).pain("left-hip", 6).pain("lower-back", 0).peg(5, 5, 5)).plan();

		assertThat(activities(plan)).containsExactly("education", "aerobic-land", "strength-training", "group-exercise", "heat-cold",
				"follow-up-peg", "follow-up-pain", "follow-up-acr", "follow-up-hoos",
				"hip-flexor-stretch", "gluteal-piriformis-stretch", "hamstring-stretch");
		assertThat(plan.getGoal()).extracting(g -> g.getReference()).containsExactly("#g-pain", "#g-exercise", "#g-function", "#g-hip-function");
		assertThat(grade(plan, "aerobic-land")).isEqualTo("strong-for");
		assertThat(activity(plan, "aerobic-land").getDetail().getScheduledTiming().getRepeat().getDuration()).isEqualByComparingTo("5");
		assertThat(activity(plan, "aerobic-land").getDetail().getScheduledTiming().getRepeat().getFrequency()).isEqualTo(3);
		assertThat(grade(plan, "heat-cold")).isEqualTo("no-graded-evidence");
		assertThat(((CodeableConcept) activity(plan, "heat-cold").getExtensionByUrl(FhirTerms.EVIDENCE_GRADE).getValue()).getText())
				.isEqualTo("Self-management, no graded evidence");
		assertThat(activity(plan, "follow-up-peg").getDetail().getInstantiatesCanonical()).extracting(c -> c.getValue())
				.contains("http://fibroplan.org/fhir/Questionnaire/peg");
		assertThat(rationale(plan, "hip-flexor-stretch")).contains("left hip 6 of 10");
		assertThat(activity(plan, "hip-flexor-stretch").getDetail().getScheduledTiming().getCode().getText()).contains("hold 30 s, 10 repetitions");
		assertThat(activity(plan, "hip-flexor-stretch").getDetail().getReasonReference()).extracting(r -> r.getReference())
				.contains("Observation/hip-0");
	}

	@Test
	void hipPainOnlyAndNoPreferenceIsOfferedSupervisedGroupExerciseOnNiceNg193() {
		CarePlan plan = plan(new PatientStory("hip-no-preference").day(0).pain("right-hip", 5).pain("lower-back", 0)).plan();

		assertThat(activities(plan)).contains("group-exercise");
		assertThat(grade(plan, "group-exercise")).isEqualTo("strong-for");
		assertThat(((CodeableConcept) activity(plan, "group-exercise").getExtensionByUrl(FhirTerms.EVIDENCE_GRADE).getValue()).getText())
				.startsWith("NICE NG193: offer a supervised group exercise programme for chronic primary pain (fibromyalgia is one)");
		assertThat(rationale(plan, "group-exercise")).contains("supervised group exercise").contains("(NG193)")
				.doesNotContain("NG59").doesNotContain("You said");
		assertThat(activity(plan, "group-exercise").getExtensionByUrl(FhirTerms.PROPOSED_BY_RULE).getValue().primitiveValue())
				.isEqualTo("group-exercise");
		assertThat(activity(plan, "group-exercise").getDetail().getDescription()).startsWith("Join a supervised group exercise class");
	}

	@Test
	void backOnlyPainGetsCoreStabilisationMobilityAndGroupExerciseWithNiceNg59sReasonAdded() {
		CarePlan plan = plan(new PatientStory("back").day(0).pain("lower-back", 7)).plan();

		assertThat(activities(plan)).contains("core-stabilisation", "lumbar-mobility", "group-exercise");
		assertThat(activities(plan)).doesNotContain("hip-flexor-stretch", "gluteal-piriformis-stretch", "hamstring-stretch");
		assertThat(grade(plan, "group-exercise")).isEqualTo("strong-for");
		assertThat(rationale(plan, "group-exercise")).contains("(NG193)").contains("NICE NG59").contains("7 of 10");
	}

	@Test
	void hipAndBackPainGetBothSetsWithEachActivityOnce() {
		CarePlan plan = plan(new PatientStory("both").day(0).pain("right-hip", 5).pain("buttock", 4).pain("lower-back", 6)
				.prefers("pref-group-exercise")).plan();

		assertThat(activities(plan)).contains("hip-flexor-stretch", "hamstring-stretch", "core-stabilisation", "lumbar-mobility", "group-exercise");
		assertThat(activities(plan)).doesNotHaveDuplicates();
		assertThat(activity(plan, "group-exercise").getExtensionByUrl(FhirTerms.PROPOSED_BY_RULE).getValue().primitiveValue())
				.isEqualTo("group-exercise, group-exercise-back, group-exercise-preferred");
		assertThat(plan.getAddresses()).hasSize(3);
	}

	@Test
	void aRedFlagPutsThePlanOnHoldWithAnUrgentReviewNamingTheAnswer() {
		PlanBuilder.Built built = plan(new PatientStory("flagged").day(0).pain("lower-back", 8).prefers("pref-massage")
				.redFlag("saddle-numbness", true).redFlag("night-pain", false));
		CarePlan plan = built.plan();

		assertThat(activities(plan)).containsExactly("urgent-review");
		assertThat(rationale(plan, "urgent-review")).contains("Saddle numbness").doesNotContain("Night pain");
		assertThat(activity(plan, "urgent-review").getDetail().getDescription()).contains("emergency department now");
		assertThat(plan.getText().getDivAsString()).contains("What to do now");
		assertThat(built.assessment().unflaggedRedFlags()).hasSize(1);
	}

	@Test
	void anActiveFlagKeepsThePlanOnHoldEvenWhenTheNextAnswerIsNoButAClosedOneDoesNot() {
		PatientStory story = new PatientStory("kept").day(0).pain("left-hip", 5).redFlag("rapidly-worsening", true)
				.flagRaised("rapidly-worsening", Flag.FlagStatus.ACTIVE).day(7).redFlag("rapidly-worsening", false);
		assertThat(activities(plan(story).plan())).containsExactly("urgent-review");

		PatientStory closed = new PatientStory("closed").day(0).pain("left-hip", 5).redFlag("rapidly-worsening", true)
				.flagRaised("rapidly-worsening", Flag.FlagStatus.INACTIVE);
		assertThat(activities(plan(closed).plan())).contains("aerobic-land").doesNotContain("urgent-review");
	}

	@Test
	void poorSleepGetsASleepPlan() {
		CarePlan plan = plan(new PatientStory("sleepless").day(0).pain("lower-back", 4).sleep("sleep-very-bad")).plan();

		assertThat(activities(plan)).contains("sleep-hygiene");
		assertThat(rationale(plan, "sleep-hygiene")).contains("very bad");
		assertThat(grade(plan, "sleep-hygiene")).isEqualTo("no-graded-evidence");
	}

	@Test
	void aPositiveDepressionScreenGetsCbtMindfulnessMeditativeMovementAndAClinicianNote() {
		CarePlan plan = plan(new PatientStory("low-mood").day(0).pain("left-hip", 4).phq2(4).gad2(1)).plan();

		assertThat(activities(plan)).contains("cbt", "mindfulness", "meditative-movement", "mood-assessment");
		assertThat(grade(plan, "cbt")).isEqualTo("weak-for");
		assertThat(rationale(plan, "cbt")).contains("PHQ-2): 4 of 6").contains("GAD-2): 1 of 6").doesNotContain("Symptom severity");
		assertThat(contained(plan, ServiceRequest.class, "r-cbt")).isPresent();

		CarePlan negative = plan(new PatientStory("fine-mood").day(0).pain("left-hip", 4).phq2(2).gad2(2)).plan();
		assertThat(activities(negative)).doesNotContain("cbt", "mindfulness", "mood-assessment");
	}

	@Test
	void poorFunctionGetsAPhysiotherapyReferralAsAServiceRequestAndMobilityLimitsAnOtAssessment() {
		CarePlan plan = plan(new PatientStory("limited").day(0).pain("right-hip", 6).peg(6, 6, 8).hoosJr(15)).plan();

		assertThat(activities(plan)).contains("physio-referral", "ot-assessment");
		ServiceRequest referral = contained(plan, ServiceRequest.class, "r-physio-referral").orElseThrow();
		assertThat(referral.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.DRAFT);
		assertThat(referral.getCode().getCoding()).extracting(c -> c.getCode()).contains("91251008");
		assertThat(activity(plan, "physio-referral").getReference().getReference()).isEqualTo("#r-physio-referral");
	}

	@Test
	void severeSymptomsGetAMultiComponentReferralAndAMedicationReviewThatOrdersNoDrug() {
		CarePlan plan = plan(new PatientStory("severe").day(0).pain("lower-back", 8).peg(8, 7, 7)).plan();

		assertThat(activities(plan)).contains("multicomponent-programme", "medication-review");
		assertThat(activity(plan, "medication-review").getDetail().getDescription()).contains("not a prescription").contains("duloxetine");
		assertThat(plan.getContained()).noneMatch(MedicationRequest.class::isInstance);
		assertThat(activity(plan, "medication-review").getDetail().getKind()).isNull();
	}

	@Test
	void lessThanThirtyPercentBetterAfterTwelveWeeksEscalatesButThirtyPercentDoesNot() {
		PatientStory stuck = new PatientStory("stuck").day(0).peg(6, 6, 6).pain("left-hip", 5).planApproved().day(1).peg(6, 6, 6).day(85).peg(5, 5, 5);
		PlanBuilder.Built built = plan(stuck);
		assertThat(built.assessment().value("weeksOnPlan").get(0).primitiveValue()).isEqualTo("12");
		assertThat(built.assessment().value("pegChangePercent").get(0).primitiveValue()).isEqualTo("-17");
		assertThat(built.assessment().value("pegImprovement").get(0).primitiveValue()).isEqualTo("minimal");
		assertThat(activities(built.plan())).contains("multicomponent-programme");

		PatientStory better = new PatientStory("better").day(0).peg(6, 6, 6).pain("left-hip", 5).planApproved().day(1).peg(6, 6, 6).day(85).peg(4, 4, 4);
		PlanBuilder.Built improved = plan(better);
		assertThat(improved.assessment().value("pegImprovement").get(0).primitiveValue()).isEqualTo("moderate");
		assertThat(activities(improved.plan())).doesNotContain("multicomponent-programme");
	}

	@Test
	void acupunctureWithLowBackPainIsOfferedForFibromyalgiaAndTheRationaleSaysNiceDoesNotRecommendIt() {
		CarePlan back = plan(new PatientStory("needles-back").day(0).pain("lower-back", 5).prefers("pref-acupuncture")).plan();
		assertThat(rationale(back, "acupuncture")).contains("NICE NG59 does not recommend acupuncture for low back pain");
		assertThat(grade(back, "acupuncture")).isEqualTo("weak-for");

		CarePlan hip = plan(new PatientStory("needles-hip").day(0).pain("left-hip", 5).prefers("pref-acupuncture")).plan();
		assertThat(rationale(hip, "acupuncture")).doesNotContain("NICE");
	}

	@Test
	void massageOnlyWhenPreferredShownAsWeakAgainstAndNeverWithinThreeMonthsOfAHipProcedure() {
		CarePlan none = plan(new PatientStory("no-pref").day(0).pain("left-hip", 5)).plan();
		assertThat(activities(none)).doesNotContain("massage");

		CarePlan preferred = plan(new PatientStory("pref").day(0).pain("left-hip", 5).prefers("pref-massage")).plan();
		assertThat(grade(preferred, "massage")).isEqualTo("weak-against");
		assertThat(rationale(preferred, "massage")).contains("only together with exercise");
		assertThat(activities(preferred)).contains("aerobic-land");

		CarePlan operated = plan(new PatientStory("operated").day(0).pain("left-hip", 5).prefers("pref-massage").recentHipProcedure(true)).plan();
		assertThat(activities(operated)).doesNotContain("massage", "hip-flexor-stretch").contains("hip-exercise-clearance");
	}

	@Test
	void poolAccessGetsWaterExerciseAndHydrotherapyInsteadOfLandExercise() {
		CarePlan plan = plan(new PatientStory("swimmer").day(0).pain("left-hip", 5).pool(true).exerciseMinutes(20)).plan();

		assertThat(activities(plan)).contains("aerobic-pool", "hydrotherapy").doesNotContain("aerobic-land");
		assertThat(rationale(plan, "aerobic-pool")).contains("about 20 minutes a week");
		assertThat(rationale(plan(new PatientStory("unknown").day(0).pain("left-hip", 5)).plan(), "aerobic-land"))
				.doesNotContain("minutes a week");
	}

	@Test
	void goalsHaveTargetsFromTheBaselineAndAreDueAtTwelveWeeks() {
		CarePlan plan = plan(new PatientStory("goals").day(0).pain("overall", 8).pain("left-hip", 8).peg(6, 6, 6).hoosJr(12)).plan();

		Goal pain = contained(plan, Goal.class, "g-pain").orElseThrow();
		assertThat(pain.getTargetFirstRep().getDetailQuantity().getValue()).isEqualByComparingTo("5.6");
		assertThat(pain.getTargetFirstRep().getDueDateType().getValueAsString()).isEqualTo("2026-11-24");
		Goal exercise = contained(plan, Goal.class, "g-exercise").orElseThrow();
		assertThat(exercise.getTargetFirstRep().getDetailQuantity().getValue()).isEqualByComparingTo("90");
		assertThat(contained(plan, Goal.class, "g-hip-function").orElseThrow().getTargetFirstRep().getDetailQuantity().getValue())
				.isEqualByComparingTo("8.4");
		assertThat(plan.getGoal()).hasSize(4);
	}

	@Test
	void aRiseOfTwoPointsIsAFlareForTheClinician() {
		CarePlan plan = plan(new PatientStory("flaring").day(0).pain("left-hip", 3).day(7).pain("left-hip", 5)).plan();
		assertThat(rationale(plan, "flare-review")).contains("left hip pain rose from 3 to 5");

		CarePlan steady = plan(new PatientStory("steady").day(0).pain("left-hip", 5).day(7).pain("left-hip", 6)).plan();
		assertThat(activities(steady)).doesNotContain("flare-review");
	}

	@Test
	void everyProposedActivityCarriesItsRationaleGradeAndReasonAndChiropracticIsNeverProposed() {
		CarePlan plan = plan(new PatientStory("everything").day(0).pain("left-hip", 7).pain("lower-back", 7).peg(8, 8, 8)
				.phq2(5).gad2(5).hoosJr(18).sleep("sleep-fairly-bad").prefers("pref-acupuncture", "pref-massage", "pref-yoga-tai-chi")
				.day(7).pain("left-hip", 9)).plan();

		assertThat(plan.getActivity()).hasSizeGreaterThan(20).allSatisfy(activity -> {
			assertThat(activity.getExtensionByUrl(FhirTerms.RATIONALE).getValue().primitiveValue()).isNotBlank();
			assertThat(activity.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE)).isNotNull();
			boolean hasReason = activity.hasDetail()
					? activity.getDetail().hasReasonReference() || activity.getDetail().hasReasonCode()
					: contained(plan, ServiceRequest.class, activity.getReference().getReference().substring(1)).map(s -> s.hasReasonReference() || s.hasReasonCode()).orElse(false);
			assertThat(hasReason).isTrue();
		});
		assertThat(activities(plan)).doesNotContain("chiropractic", "urgent-review");
	}

	@org.junit.jupiter.params.ParameterizedTest(name = "{0} ({1})")
	@org.junit.jupiter.params.provider.CsvSource({
			"saddle-numbness, emergency, Saddle numbness",
			"night-pain, urgent, Night pain or pain at rest",
			"hot-swollen-joint, emergency, Hot swollen hip with fever",
			"rapidly-worsening, urgent, Rapidly worsening hip pain"})
	void everyKindOfRedFlagHoldsThePlanAndNamesTheAnswer(String flag, String urgency, String display) {
		PlanBuilder.Built built = plan(new PatientStory("flag-" + flag).day(0).pain("left-hip", 6).pain("lower-back", 6)
				.prefers("pref-massage", "pref-acupuncture").pool(true).redFlag(flag, true));

		assertThat(activities(built.plan())).containsExactly("urgent-review");
		assertThat(rationale(built.plan(), "urgent-review")).startsWith("You answered yes to: " + display);
		assertThat(built.assessment().value("emergencyRedFlag").get(0).primitiveValue()).isEqualTo(String.valueOf(urgency.equals("emergency")));
		assertThat(built.plan().getGoal()).isEmpty();
	}

	@Test
	void hipSurgerySixWeeksAgoWithAMassagePreferenceGetsNoMassageNoNewHipStretchesAndAskTheSurgeon() {
		CarePlan plan = plan(new PatientStory("six-weeks").day(0).pain("right-hip", 6).recentHipProcedure(true).prefers("pref-massage")).plan();

		assertThat(activities(plan)).containsExactly("education", "aerobic-land", "strength-training", "group-exercise", "heat-cold",
				"follow-up-peg", "follow-up-pain", "follow-up-acr", "follow-up-hoos", "hip-exercise-clearance");
		assertThat(activity(plan, "hip-exercise-clearance").getDetail().getDescription()).contains("ask your surgeon")
				.contains("a new exercise class").contains("avoid massage");
	}

	@Test
	void halfTheBaselinePegAfterTwelveWeeksIsASubstantialImprovementAndNeedsNoEscalation() {
		PlanBuilder.Built built = plan(new PatientStory("halved").day(0).peg(8, 8, 8).pain("lower-back", 6).planApproved()
				.day(1).peg(8, 8, 8).day(84).peg(4, 4, 4));

		assertThat(built.assessment().value("pegChangePercent").get(0).primitiveValue()).isEqualTo("-50");
		assertThat(built.assessment().value("pegChangePoints").get(0).primitiveValue()).isEqualTo("-4");
		assertThat(built.assessment().value("pegImprovement").get(0).primitiveValue()).isEqualTo("substantial");
		assertThat(activities(built.plan())).doesNotContain("multicomponent-programme", "medication-review");
		Goal function = contained(built.plan(), Goal.class, "g-function").orElseThrow();
		assertThat(function.getTargetFirstRep().getDetailQuantity().getValue()).isEqualByComparingTo("5.6");
	}

	@Test
	void aClinicianRemovedMassageAndChangedTheWalkingDoseThenANewResponseArrived() {
		PatientStory story = new PatientStory("edited").day(0).pain("left-hip", 5).prefers("pref-massage");
		CarePlan draft = plan(story).plan();
		CarePlan edited = draft.copy();
		edited.getActivity().removeIf(a -> ClinicianDecisions.definition(a).orElse("").endsWith("/massage"));
		activity(edited, "aerobic-land").getDetail().setDescription("Walk 10 minutes twice a week.");
		ClinicianDecisions.mark(draft, edited, KNOWLEDGE.current().rules());

		CarePlan revised = plan(story.day(7).pain("left-hip", 4)).plan();
		ClinicianDecisions.carryOver(revised, edited);

		assertThat(activities(revised)).doesNotContain("massage").contains("aerobic-land", "hip-flexor-stretch");
		assertThat(activity(revised, "aerobic-land").getDetail().getDescription()).isEqualTo("Walk 10 minutes twice a week.");
		assertThat(activity(revised, "aerobic-land").getExtensionByUrl(FhirTerms.CLINICIAN_EDIT).getValue().primitiveValue()).isEqualTo("modified");
		assertThat(revised.getExtensionsByUrl(FhirTerms.DECLINED_ACTIVITY)).extracting(e -> e.getValue().primitiveValue())
				.containsExactly("http://fibroplan.org/fhir/ActivityDefinition/massage");

		CarePlan flagged = plan(story.day(8).redFlag("fever-chills", true)).plan();
		ClinicianDecisions.carryOver(flagged, revised);
		RedFlags.hold(flagged, KNOWLEDGE.current(), reference -> Optional.empty());
		assertThat(activities(flagged)).as("a red flag still holds the clinician's walking dose").containsExactly("urgent-review");
	}

	static final List<String> HIP_SET = List.of("hip-flexor-stretch", "gluteal-piriformis-stretch", "hamstring-stretch");
	static final List<String> BACK_SET = List.of("core-stabilisation", "lumbar-mobility");
	static final List<String> FOR_EVERYONE = List.of("education", "aerobic-land", "strength-training", "group-exercise", "heat-cold",
			"follow-up-peg", "follow-up-pain", "follow-up-acr");

	@Test
	void mildHipPainIsRecordedAndShownButGetsNoHipStretches() {
		PlanBuilder.Built built = plan(new PatientStory("mild-hip").day(0).pain("left-hip", 3).pain("buttock", 2).pain("lower-back", 6));

		assertThat(activities(built.plan())).doesNotContainAnyElementsOf(HIP_SET).containsAll(BACK_SET).containsAll(FOR_EVERYONE);
		assertThat(built.assessment().value("painSite")).extracting(v -> v.primitiveValue()).contains("left-hip", "buttock", "lower-back");
		assertThat(built.assessment().value("painSiteText").get(0).primitiveValue()).contains("left hip 3 of 10").contains("buttock 2 of 10");
		assertThat(built.plan().getGoal()).extracting(g -> g.getReference()).doesNotContain("#g-hip-function");
	}

	@Test
	void moderateHipPainGetsTheHipStretchesAndItsRationaleShowsTheMildBackPainToo() {
		CarePlan plan = plan(new PatientStory("moderate-hip").day(0).pain("right-hip", 4).pain("lower-back", 2)).plan();

		assertThat(activities(plan)).containsAll(HIP_SET).doesNotContainAnyElementsOf(BACK_SET);
		assertThat(rationale(plan, "hamstring-stretch")).contains("right hip 4 of 10").contains("lower back 2 of 10");
	}

	@Test
	void moderateButtockPainAloneGetsTheHipStretchesAndTheHipFunctionCheck() {
		CarePlan plan = plan(new PatientStory("buttock").day(0).pain("buttock", 5)).plan();

		assertThat(activities(plan)).containsAll(HIP_SET).contains("follow-up-hoos");
	}

	@Test
	void mildBackPainIsRecordedButGetsNoBackExercisesWhileModerateBackPainDoes() {
		PlanBuilder.Built mild = plan(new PatientStory("mild-back").day(0).pain("lower-back", 3).prefers("pref-acupuncture"));
		assertThat(activities(mild.plan())).doesNotContainAnyElementsOf(BACK_SET).containsAll(FOR_EVERYONE);
		assertThat(mild.assessment().value("painSite")).extracting(v -> v.primitiveValue()).containsExactly("lower-back");
		assertThat(rationale(mild.plan(), "acupuncture")).as("the NICE caveat is information, so mild back pain keeps it")
				.contains("NICE NG59 does not recommend acupuncture for low back pain");
		assertThat(rationale(mild.plan(), "group-exercise")).as("group exercise for everyone, NG59's reason only from 4 of 10").doesNotContain("NG59");

		CarePlan moderate = plan(new PatientStory("moderate-back").day(0).pain("lower-back", 4)).plan();
		assertThat(activities(moderate)).containsAll(BACK_SET);
		assertThat(rationale(moderate, "group-exercise")).contains("NICE NG59").contains("4 of 10");
	}

	@Test
	void painThatSettlesFromModerateToMildStopsTheSiteExercisesButNotTheGeneralOnes() {
		CarePlan plan = plan(new PatientStory("settled").day(0).pain("left-hip", 6).pain("lower-back", 6)
				.day(28).pain("left-hip", 2).pain("lower-back", 1)).plan();

		assertThat(activities(plan)).doesNotContainAnyElementsOf(HIP_SET).doesNotContainAnyElementsOf(BACK_SET)
				.containsAll(FOR_EVERYONE).contains("follow-up-hoos");
	}

	@Test
	void backPainAloneGetsNoHipFunctionCheck() {
		CarePlan plan = plan(new PatientStory("back-only").day(0).pain("lower-back", 7).pain("left-hip", 0).pain("right-hip", 0)).plan();

		assertThat(activities(plan)).doesNotContain("follow-up-hoos").containsAll(FOR_EVERYONE);
		assertThat(activities(plan(new PatientStory("no-sites").day(0).peg(5, 5, 5)).plan())).doesNotContain("follow-up-hoos");
	}

	@Test
	void mildHipPainGetsTheHipFunctionCheckAskingForHoosJr() {
		CarePlan plan = plan(new PatientStory("mild-hip-check").day(0).pain("left-hip", 1)).plan();

		assertThat(activities(plan)).contains("follow-up-hoos").doesNotContainAnyElementsOf(HIP_SET);
		assertThat(activity(plan, "follow-up-hoos").getDetail().getInstantiatesCanonical()).extracting(c -> c.getValue())
				.contains("http://fibroplan.org/fhir/Questionnaire/hoos-jr");
		assertThat(rationale(plan, "follow-up-hoos")).contains("left hip 1 of 10");
	}

	@Test
	void aRecentHipInjectionHoldsHipExerciseUntilClearanceAskedOnce() {
		List<String> askedIn = Stream.of("fm-context", "red-flags", "pain-nrs", "peg", "acr-2016-fm", "hoos-jr", "phq-2", "gad-2")
				.filter(id -> askedIn(id, "Have you had hip surgery or an injection into your hip in the last 3 months?")).toList();
		assertThat(askedIn).containsExactly("fm-context");
		assertThat(PackageDefinitions.INSTANCE.get(CodeSystem.class, FhirTerms.RED_FLAG).getConcept())
				.extracting(c -> c.getCode()).doesNotContain("recent-hip-procedure");

		PlanBuilder.Built built = plan(new PatientStory("injected").day(0).pain("left-hip", 7).pain("lower-back", 5)
				.recentHipProcedure(true).prefers("pref-massage"));
		assertThat(built.assessment().hasRedFlag()).isFalse();
		assertThat(activities(built.plan())).contains("hip-exercise-clearance", "follow-up-hoos").containsAll(FOR_EVERYONE).containsAll(BACK_SET)
				.doesNotContainAnyElementsOf(HIP_SET).doesNotContain("massage", "urgent-review");

		CarePlan cleared = plan(new PatientStory("cleared").day(0).pain("left-hip", 7).recentHipProcedure(true)
				.day(100).recentHipProcedure(false)).plan();
		assertThat(activities(cleared)).containsAll(HIP_SET).doesNotContain("hip-exercise-clearance");
	}

	@Test
	void aFlareInWorstPainReadsWorstPainRoseFrom() {
		CarePlan plan = plan(new PatientStory("worst").day(0).pain("overall", 4).day(7).pain("overall", 7)).plan();

		assertThat(rationale(plan, "flare-review")).contains("worst pain rose from 4 to 7").doesNotContain("pain pain");
	}

	private static boolean askedIn(String instrument, String question) {
		Questionnaire questionnaire = PackageDefinitions.INSTANCE.get(Questionnaire.class, "http://fibroplan.org/fhir/Questionnaire/" + instrument);
		return items(questionnaire.getItem()).anyMatch(item -> question.equals(item.getText()));
	}

	private static Stream<QuestionnaireItemComponent> items(
			List<QuestionnaireItemComponent> items) {
		return items.stream().flatMap(item -> Stream.concat(Stream.of(item), items(item.getItem())));
	}

	static String value(PlanBuilder.Built built, String variable) {
		return built.assessment().value(variable).get(0).primitiveValue();
	}

	/** The story up to now with the plan approved as approval does it: naming today's baseline Observations. */
	static PatientStory approved(PatientStory story) {
		return story.planApproved(plan(story).assessment().baselineObservations());
	}

	@Test
	void theFirstPegAfterApprovalIsMeasuredAgainstThePegApprovalFixedAndARiseOf39PercentIsADeterioration() {
		PatientStory story = approved(new PatientStory("fixed").day(0).peg(4, 4, 5).pain("left-hip", 5)).day(7).peg(6, 6, 6);
		PlanBuilder.Built built = plan(story);

		assertThat(value(built, "pegBaseline")).isEqualTo("4.33");
		assertThat(value(built, "pegChangePercent")).isEqualTo("39");
		assertThat(value(built, "pegImprovement")).isEqualTo("deterioration");
		assertThat(built.plan().getSupportingInfo()).extracting(r -> r.getReference()).containsExactlyInAnyOrder("Observation/fixed-0", "Observation/fixed-1");
	}

	@Test
	void aRiseOfSevenPercentIsNoImportantChangeButTwoPointsIsADeteriorationEvenBelowThirtyPercent() {
		PlanBuilder.Built small = plan(approved(new PatientStory("small-rise").day(0).peg(5, 5, 4)).day(7).peg(5, 5, 5));
		assertThat(value(small, "pegChangePercent")).isEqualTo("7");
		assertThat(value(small, "pegImprovement")).isEqualTo("none");

		PlanBuilder.Built twoPoints = plan(approved(new PatientStory("two-points").day(0).peg(8, 8, 8)).day(7).peg(10, 10, 10));
		assertThat(value(twoPoints, "pegChangePercent")).isEqualTo("25");
		assertThat(value(twoPoints, "pegImprovement")).isEqualTo("deterioration");
	}

	@Test
	void beforeAnyApprovalTheBaselineIsTheLatestScoreAndEveryDraftNamesIt() {
		PlanBuilder.Built built = plan(new PatientStory("not-yet").day(0).peg(8, 8, 8).day(7).peg(6, 6, 6));

		assertThat(new java.math.BigDecimal(value(built, "pegBaseline"))).isEqualByComparingTo("6");
		assertThat(value(built, "pegImprovement")).isEqualTo("none");
		assertThat(built.plan().getSupportingInfo()).extracting(r -> r.getReference()).containsExactly("Observation/not-yet-1");
	}

	@Test
	void goalTargetsKeepToTheFixedBaselineWhateverComesAfterApproval() {
		PatientStory story = approved(new PatientStory("no-drift").day(0).peg(6, 5, 5).pain("left-hip", 5));
		String before = contained(plan(story).plan(), Goal.class, "g-function").orElseThrow().getTargetFirstRep().getDetailQuantity().getValue().toPlainString();
		PlanBuilder.Built later = plan(story.day(7).peg(8, 8, 8).day(14).peg(7, 7, 7));

		assertThat(before).isEqualTo("3.7");
		assertThat(contained(later.plan(), Goal.class, "g-function").orElseThrow().getTargetFirstRep().getDetailQuantity().getValue()).isEqualByComparingTo("3.7");
	}

	@Test
	void approvalStartsTheGoalsTodayWithDueDatesFromTodayAndEachNewScoreSaysHowTheyGo() {
		PatientStory story = new PatientStory("goal-days").day(0).peg(8, 8, 8).pain("overall", 7).pain("left-hip", 6);
		Goal function = contained(plan(story).plan(), Goal.class, "g-function").orElseThrow();
		Goal pain = contained(plan(story).plan(), Goal.class, "g-pain").orElseThrow();
		approved(story);
		GoalActivation.activate(function, story.now(), KNOWLEDGE.current().rules(), "goal-days-plan");
		GoalActivation.activate(pain, story.now(), KNOWLEDGE.current().rules(), "goal-days-plan");
		assertThat(function.getLifecycleStatus()).isEqualTo(Goal.GoalLifecycleStatus.ACTIVE);
		assertThat(function.getStartDateType().getValueAsString()).isEqualTo("2026-09-01");
		assertThat(function.getTargetFirstRep().getDueDateType().getValueAsString()).isEqualTo("2026-11-24");
		assertThat(function.getTargetFirstRep().getDetailQuantity().getValue()).isEqualByComparingTo("5.6");

		PlanBuilder.Built better = plan(story.day(7).peg(4, 4, 3));
		var vocabulary = KNOWLEDGE.current().vocabulary();
		assertThat(GoalAchievement.of(function, better.assessment(), vocabulary)).as("PEG 8 to 3.67 meets <= 5.6").contains("achieved");
		assertThat(GoalAchievement.of(pain, better.assessment(), vocabulary)).as("no new worst-pain score").isEmpty();
		assertThat(activities(better.plan())).doesNotContain("multicomponent-programme", "medication-review");

		PlanBuilder.Built someBetter = plan(story.day(14).peg(6, 6, 6));
		assertThat(GoalAchievement.of(function, someBetter.assessment(), vocabulary)).as("-25 %: minimal").contains("improving");
		PlanBuilder.Built flat = plan(story.day(21).peg(8, 8, 7));
		assertThat(GoalAchievement.of(function, flat.assessment(), vocabulary)).as("-4 %").contains("no-change");
		PlanBuilder.Built worse = plan(story.day(28).peg(10, 10, 10).pain("overall", 9));
		assertThat(GoalAchievement.of(function, worse.assessment(), vocabulary)).contains("worsening");
		assertThat(GoalAchievement.of(pain, worse.assessment(), vocabulary)).as("worst pain 7 to 9").contains("worsening");
	}

	@Test
	void aBaselineTheClinicianChoseInTheDraftStaysThroughLaterRevisions() {
		PatientStory story = new PatientStory("chosen").day(0).peg(8, 8, 8).day(7).peg(6, 6, 6);
		CarePlan draft = plan(story).plan();
		CarePlan edited = draft.copy();
		edited.getSupportingInfo().clear();
		edited.addSupportingInfo(new org.hl7.fhir.r4.model.Reference("Observation/chosen-0"));
		ClinicianDecisions.mark(draft, edited, KNOWLEDGE.current().rules());

		CarePlan revised = plan(story.day(14).peg(5, 5, 5)).plan();
		ClinicianDecisions.carryOver(revised, edited);
		assertThat(revised.getSupportingInfo()).extracting(r -> r.getReference()).containsExactly("Observation/chosen-0");
		assertThat(revised.getSupportingInfoFirstRep().getExtensionByUrl(FhirTerms.CLINICIAN_EDIT)).isNotNull();
	}

	@Test
	void hipPainOfSixGetsTheStretchesGradedAsPartOfTheExerciseProgrammeNotStrongForOnTheirOwn() {
		CarePlan plan = plan(new PatientStory("stretches").day(0).pain("left-hip", 6)).plan();

		assertThat(activities(plan)).containsAll(HIP_SET);
		for (String stretch : HIP_SET) {
			CodeableConcept evidence = (CodeableConcept) activity(plan, stretch).getExtensionByUrl(FhirTerms.EVIDENCE_GRADE).getValue();
			assertThat(evidence.getCodingFirstRep().getCode()).as(stretch).isEqualTo("not-graded-alone");
			assertThat(evidence.getText()).as(stretch).startsWith("Part of an exercise programme: EULAR 2016 strong for exercise")
					.contains("flexibility work alone: low-certainty evidence (Cochrane, Kim 2019)");
		}
		assertThat(grade(plan, "aerobic-land")).isEqualTo("strong-for");
		assertThat(grade(plan, "strength-training")).isEqualTo("strong-for");
		assertThat(plan.getText().getDivAsString()).contains("Evidence: Part of an exercise programme");
	}

	@Test
	void stressAsAFlareTriggerGetsMindfulnessWeakForWithTheTriggerInItsRationale() {
		CarePlan plan = plan(new PatientStory("stressed").day(0).pain("lower-back", 5).flareTriggers("trigger-stress")).plan();

		assertThat(activities(plan)).contains("mindfulness").doesNotContain("cbt", "mood-assessment");
		assertThat(grade(plan, "mindfulness")).isEqualTo("weak-for");
		assertThat(rationale(plan, "mindfulness")).startsWith("You said stress sets off your flares");
		assertThat(activities(plan(new PatientStory("calm").day(0).pain("lower-back", 5)).plan())).doesNotContain("mindfulness");
	}

	@Test
	void stressOnTopOfLowMoodAddsTheTriggerToTheOneMindfulnessActivity() {
		CarePlan plan = plan(new PatientStory("low-and-stressed").day(0).phq2(4).flareTriggers("trigger-stress")).plan();

		assertThat(activities(plan)).containsOnlyOnce("mindfulness");
		assertThat(rationale(plan, "mindfulness")).contains("PHQ-2): 4 of 6").contains("You said stress sets off your flares");
		assertThat(activity(plan, "mindfulness").getExtensionByUrl(FhirTerms.PROPOSED_BY_RULE).getValue().primitiveValue())
				.isEqualTo("mood-mindfulness, stress-mindfulness");
	}

	@Test
	void doingTooMuchAsAFlareTriggerGetsAPacingPlanThatSaysSo() {
		CarePlan plan = plan(new PatientStory("boom-bust").day(0).pain("left-hip", 3).flareTriggers("trigger-overexertion")).plan();

		assertThat(activities(plan)).contains("pacing", "education");
		assertThat(rationale(plan, "pacing")).contains("doing too much sets off your flares").contains("pacing");
		assertThat(grade(plan, "pacing")).isEqualTo("no-graded-evidence");
		assertThat(activities(plan(new PatientStory("steady-pace").day(0).pain("left-hip", 3)).plan())).doesNotContain("pacing");
	}

	@Test
	void poorSleepAsAFlareTriggerGetsTheSleepPlanNamingTheTriggerEvenWithGoodSleep() {
		CarePlan plan = plan(new PatientStory("sleep-trigger").day(0).sleep("sleep-fairly-good").flareTriggers("trigger-poor-sleep")).plan();

		assertThat(activities(plan)).contains("sleep-hygiene");
		assertThat(rationale(plan, "sleep-hygiene")).isEqualTo("You said poor sleep sets off your flares: a steady sleep routine is part of your flare plan.");
		assertThat(activities(plan(new PatientStory("sleeps-well").day(0).sleep("sleep-fairly-good")).plan())).doesNotContain("sleep-hygiene");
	}

	@Test
	void weatherAsAFlareTriggerPutsTheWeatherIntoHeatOrColdAndIntoThePacingPlan() {
		CarePlan plan = plan(new PatientStory("weather").day(0).pain("lower-back", 5).flareTriggers("trigger-weather")).plan();

		assertThat(rationale(plan, "heat-cold")).startsWith("Heat or cold can ease a flare").contains("changes in the weather set off your flares");
		assertThat(rationale(plan, "pacing")).contains("changes in the weather").contains("plan a lighter day");
		assertThat(rationale(plan(new PatientStory("no-weather").day(0).pain("lower-back", 5)).plan(), "heat-cold")).doesNotContain("weather");
	}

	@Test
	void theSideOfAPainfulButtockIsNamedInTheRationale() {
		CarePlan plan = plan(new PatientStory("left-buttock").day(0).pain("buttock", 5)).plan();

		assertThat(rationale(plan, "gluteal-piriformis-stretch")).contains("left buttock 5 of 10");
	}

	@Test
	void theFourWeeklySymptomCheckShowsTheLastSeverityAndWhetherTheCriteriaWereMet() {
		assertThat(rationale(plan(new PatientStory("acr").day(0).acr(12, 8).acrCriteria(true)).plan(), "follow-up-acr"))
				.endsWith("Last check: severity 20 of 31; ACR 2016 criteria met: yes.");
		assertThat(rationale(plan(new PatientStory("no-acr").day(0).pain("left-hip", 2)).plan(), "follow-up-acr"))
				.isEqualTo("A 4-weekly symptom check tracks fibromyalgia severity.");
	}
}

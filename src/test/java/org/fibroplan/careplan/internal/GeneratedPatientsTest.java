package org.fibroplan.careplan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.fibroplan.careplan.internal.drafting.PlanBuilder;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * Safety properties over many generated patients (seeded, so a failure can be replayed): whatever the
 * answers, a red-flag plan holds no exercise or massage, every other plan holds education and exercise,
 * every activity says why and how strong the evidence is, and nothing orders a drug.
 */
class GeneratedPatientsTest {

	static final List<String> SITES = List.of("left-hip", "right-hip", "lower-back", "buttock", "overall");
	static final List<String> RED_FLAGS = List.of("saddle-numbness", "bladder-bowel", "night-pain", "fever-chills", "hot-swollen-joint",
			"cannot-bear-weight", "rapidly-worsening", "leg-numbness-circulation");
	static final List<String> PREFERENCES = List.of("pref-acupuncture", "pref-massage", "pref-yoga-tai-chi", "pref-group-exercise", "pref-home-exercise");
	static final List<String> SLEEP = List.of("sleep-very-good", "sleep-fairly-good", "sleep-fairly-bad", "sleep-very-bad");
	static final List<String> HELD = List.of("aerobic-land", "aerobic-pool", "strength-training", "hip-flexor-stretch", "gluteal-piriformis-stretch",
			"hamstring-stretch", "core-stabilisation", "lumbar-mobility", "group-exercise", "meditative-movement", "hydrotherapy", "massage",
			"chiropractic", "acupuncture");

	@Test
	void safetyHoldsForAThousandGeneratedPatients() {
		Random random = new Random(20261121);
		for (int n = 0; n < 1000; n++) {
			PatientStory story = patient(random, "generated-" + n);
			PlanBuilder.Built built = PlanStoriesTest.plan(story);
			CarePlan plan = built.plan();
			List<String> activities = PlanStoriesTest.activities(plan);
			String replay = "patient " + n + " (seed 20261121): " + activities;

			if (built.assessment().hasRedFlag()) {
				assertThat(activities).as(replay).contains("urgent-review").doesNotContainAnyElementsOf(HELD);
			} else {
				assertThat(activities).as(replay).contains("education").containsAnyOf("aerobic-land", "aerobic-pool")
						.doesNotContain("urgent-review", "chiropractic");
			}
			assertThat(plan.getActivity()).as(replay).allSatisfy(activity -> {
				assertThat(activity.getExtensionByUrl(FhirTerms.RATIONALE).getValue().primitiveValue()).isNotBlank();
				assertThat(activity.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE)).isNotNull();
				assertThat(activity.hasDetail() && activity.getDetail().hasKind()
						&& activity.getDetail().getKind() == CarePlan.CarePlanActivityKind.MEDICATIONREQUEST).isFalse();
			});
			assertThat(plan.getContained()).as(replay).noneMatch(r -> r.getResourceType() == ResourceType.MedicationRequest || r instanceof MedicationRequest);
			assertThat(activities).as(replay).doesNotHaveDuplicates();
		}
	}

	/** Up to twelve weekly answer sets, each instrument answered or not at random. */
	static PatientStory patient(Random random, String id) {
		PatientStory story = new PatientStory(id);
		int weeks = 1 + random.nextInt(12);
		for (int week = 0; week < weeks; week++) {
			story.day(week * 7);
			for (String site : SITES) {
				if (random.nextInt(3) > 0) {
					story.pain(site, random.nextInt(11));
				}
			}
			if (random.nextBoolean()) {
				story.peg(random.nextInt(11), random.nextInt(11), random.nextInt(11));
			}
			if (random.nextInt(4) == 0) {
				story.phq2(random.nextInt(7)).gad2(random.nextInt(7));
			}
			if (random.nextInt(4) == 0) {
				story.acr(random.nextInt(20), random.nextInt(13)).hoosJr(random.nextInt(25));
			}
			if (random.nextInt(4) == 0) {
				story.sleep(SLEEP.get(random.nextInt(SLEEP.size()))).exerciseMinutes(random.nextInt(200))
						.pool(random.nextBoolean()).recentHipProcedure(random.nextInt(5) == 0)
						.prefers(PREFERENCES.stream().filter(p -> random.nextBoolean()).toArray(String[]::new));
			}
			if (random.nextInt(6) == 0) {
				for (String flag : RED_FLAGS) {
					story.redFlag(flag, random.nextInt(10) == 0);
				}
			}
			if (week == 2 && random.nextBoolean()) {
				story.planApproved();
			}
		}
		return story;
	}
}

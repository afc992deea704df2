package org.fibroplan.careplan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.fibroplan.PackageValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;

/**
 * Drafted plans meet the fm-care-plan profile by construction, which is why the server does not run the
 * profile validator on each revision (ConformantWrites): this test runs it on the plans of every kind of
 * patient the generator makes, with the package and the core spec only.
 */
class DraftedPlansConformTest {

	@Test
	void draftedPlansOfGeneratedPatientsMeetTheCarePlanProfile() {
		Random random = new Random(7);
		for (int n = 0; n < 40; n++) {
			CarePlan plan = PlanStoriesTest.plan(GeneratedPatientsTest.patient(random, "conform-" + n)).plan();
			plan.setId("conform-" + n);
			assertThat(errors(plan)).as("plan " + n + ": " + PlanStoriesTest.activities(plan)).isEmpty();
		}
	}

	@Test
	void aRedFlagPlanAndAPlanWithReferralsMeetTheProfile() {
		CarePlan flagged = PlanStoriesTest.plan(new PatientStory("conform-flag").day(0).pain("lower-back", 6).redFlag("saddle-numbness", true)).plan();
		CarePlan referrals = PlanStoriesTest.plan(new PatientStory("conform-referrals").day(0).pain("left-hip", 8).peg(8, 8, 9).hoosJr(20).phq2(5)).plan();
		assertThat(errors(flagged)).isEmpty();
		assertThat(errors(referrals)).isEmpty();
	}

	static List<String> errors(IBaseResource resource) {
		return PackageValidator.errors(resource, List.of());
	}
}

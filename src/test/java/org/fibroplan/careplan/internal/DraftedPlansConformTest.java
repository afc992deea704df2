package org.fibroplan.careplan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drafted plans meet the fm-care-plan profile by construction, which is why the server does not run the
 * profile validator on each revision (ConformantWrites): this test runs it on the plans of every kind of
 * patient the generator makes, with the package and the core spec only.
 */
class DraftedPlansConformTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static FhirValidator validator;

	@BeforeAll
	static void validatorWithThePackage() throws IOException {
		PrePopulatedValidationSupport packageResources = new PrePopulatedValidationSupport(FHIR);
		try (Stream<Path> files = Files.list(Path.of("fhir-profiles"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("package.json")).toList()) {
				packageResources.addResource(FHIR.newJsonParser().parseResource(Files.readString(file)));
			}
		}
		ValidationSupportChain chain = new ValidationSupportChain(
				packageResources,
				new DefaultProfileValidationSupport(FHIR),
				new CommonCodeSystemsTerminologyService(FHIR),
				new InMemoryTerminologyServerValidationSupport(FHIR),
				new SnapshotGeneratingValidationSupport(FHIR));
		validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
	}

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
		return validator.validateWithResult(resource).getMessages().stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.map(SingleValidationMessage::toString)
				.toList();
	}
}

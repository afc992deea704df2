package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fibroplan.FhirIntegrationTest;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;

/** The project's FHIR package is installed at start, served, advertised and enforced. */
class ProfilePackageIT extends FhirIntegrationTest {

	static final String BASE = "http://fibroplan.org/fhir/";
	static final List<String> PROFILES = List.of(
			"StructureDefinition/fm-pain-score",
			"StructureDefinition/fm-care-plan",
			"StructureDefinition/laterality",
			"StructureDefinition/activity-rationale",
			"StructureDefinition/evidence-grade");

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	@Qualifier("profilePackageLoader")
	ApplicationRunner packageLoader;

	@Test
	void everyProfileAndExtensionIsServedWithASnapshot() {
		for (String profile : PROFILES) {
			Bundle found = fhir().search().byUrl("StructureDefinition?url=" + BASE + profile)
					.returnBundle(Bundle.class).execute();
			assertThat(found.getEntry()).as(profile).hasSize(1);
			StructureDefinition sd = (StructureDefinition) found.getEntryFirstRep().getResource();
			assertThat(sd.getSnapshot().getElement()).as(profile + " snapshot").isNotEmpty();
			assertThat(sd.getVersion()).isEqualTo("0.1.0");
		}
	}

	@Test
	void terminologyTheProfilesBindToIsServed() {
		for (String url : List.of("ValueSet/fm-pain-site", "ValueSet/laterality", "ValueSet/evidence-grade", "ValueSet/evidence-scope")) {
			Bundle found = fhir().search().byUrl("ValueSet?url=" + BASE + url).returnBundle(Bundle.class).execute();
			assertThat(found.getEntry()).as(url).hasSize(1);
		}
		Bundle grades = fhir().search().byUrl("CodeSystem?url=" + BASE + "CodeSystem/evidence-grade")
				.returnBundle(Bundle.class).execute();
		CodeSystem codeSystem = (CodeSystem) grades.getEntryFirstRep().getResource();
		assertThat(codeSystem.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
				.containsExactly("strong-for", "weak-for", "weak-against", "strong-against", "not-graded-alone", "no-graded-evidence");
	}

	@Test
	void theCapabilityStatementAdvertisesR4TheResourcesAndOurProfiles() {
		CapabilityStatement metadata = fhir().capabilities().ofType(CapabilityStatement.class).execute();
		assertThat(metadata.getFhirVersion().toCode()).isEqualTo("4.0.1");
		Map<String, CapabilityStatement.CapabilityStatementRestResourceComponent> resources =
				metadata.getRestFirstRep().getResource().stream()
						.collect(Collectors.toMap(r -> r.getType(), r -> r));
		assertThat(resources).containsKeys("Patient", "Practitioner", "Condition", "Observation", "Questionnaire",
				"QuestionnaireResponse", "CarePlan", "Goal", "ServiceRequest", "PlanDefinition", "ActivityDefinition",
				"Flag", "Task", "Provenance", "AuditEvent", "DocumentReference");
		assertThat(resources.get("Observation").getSupportedProfile()).extracting(CanonicalType::getValue)
				.contains(BASE + "StructureDefinition/fm-pain-score");
		assertThat(resources.get("CarePlan").getSupportedProfile()).extracting(CanonicalType::getValue)
				.contains(BASE + "StructureDefinition/fm-care-plan");
	}

	@Test
	void installingThePackageAgainChangesNothing() throws Exception {
		Map<String, String> before = versionsOfOurStructureDefinitions();
		packageLoader.run(null);
		assertThat(versionsOfOurStructureDefinitions()).isEqualTo(before);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aRestartWithTheSamePackageInstallsNothingAndAnotherPackageIsInstalled(CapturedOutput output) throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		String installed = jdbc.queryForObject("SELECT content_hash FROM fibroplan_installed_package WHERE package_name = 'fibroplan.fhir.profiles'", String.class);
		assertThat(installed).hasSize(64);

		packageLoader.run(null);
		assertThat(output.getOut()).contains("is installed as it is").doesNotContain("Installed FHIR package");

		// a database that holds another content of the package (an older release) gets this one installed
		jdbc.update("UPDATE fibroplan_installed_package SET content_hash = 'an-older-release' WHERE package_name = 'fibroplan.fhir.profiles'");
		Map<String, String> before = versionsOfOurStructureDefinitions();
		packageLoader.run(null);
		assertThat(output.getOut()).contains("Installed FHIR package fibroplan.fhir.profiles");
		assertThat(jdbc.queryForObject("SELECT content_hash FROM fibroplan_installed_package WHERE package_name = 'fibroplan.fhir.profiles'", String.class))
				.isEqualTo(installed);
		assertThat(versionsOfOurStructureDefinitions()).as("the same content stored again changes no version").isEqualTo(before);
	}

	@Test
	void aCarePlanClaimingOurProfileMustMeetIt() {
		CarePlan plan = new CarePlan().setStatus(CarePlan.CarePlanStatus.DRAFT).setIntent(CarePlan.CarePlanIntent.PLAN)
				.setSubject(new Reference(newPatient("PlanWithoutId")));
		plan.getMeta().addProfile(BASE + "StructureDefinition/fm-care-plan");
		plan.addCategory().setText("Fibromyalgia care plan");

		assertThatThrownBy(() -> fhir().create().resource(plan).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(
						((OperationOutcome) e.getOperationOutcome()).getIssue())
						.extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
						.anySatisfy(d -> assertThat(d).contains("CarePlan.text"))
						.anySatisfy(d -> assertThat(d).contains("fmcp-1")));
	}

	@Test
	void aResourceClaimingAProfileWeDoNotHaveIsRefused() {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding(new Coding("http://loinc.org", "29463-7", "Body weight"));
		observation.getMeta().addProfile(BASE + "StructureDefinition/no-such-profile");
		assertThatThrownBy(() -> fhir().create().resource(observation).execute())
				.isInstanceOf(UnprocessableEntityException.class);
	}

	@Test
	void resourcesOutsideOurProfilesAreStoredWithoutProfileValidation() {
		Observation weight = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setSubject(new Reference(newPatient("Weight")));
		weight.getCode().addCoding(new Coding("http://loinc.org", "29463-7", "Body weight"));
		weight.setValue(new Quantity(72.5).setUnit("kg"));
		assertThat(fhir().create().resource(weight).execute().getCreated()).isTrue();
	}

	private Map<String, String> versionsOfOurStructureDefinitions() {
		return PROFILES.stream().collect(Collectors.toMap(p -> p, p -> {
			Bundle found = fhir().search().byUrl("StructureDefinition?url=" + BASE + p).returnBundle(Bundle.class).execute();
			return found.getEntryFirstRep().getResource().getMeta().getVersionId();
		}));
	}
}

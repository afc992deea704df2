package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.fibroplan.FhirServerUnderTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;

/**
 * A clinic upgrades: its database was filled by the release that shipped fm-context 1.0.0 (stored under
 * the id fm-context, active, with answers and a plan built on them), and this release starts on it with
 * fm-context 1.1.0 active and 1.0.0 kept retired. The start-up install must take the database there
 * without losing or rewriting anything a patient already answered. Run on H2 ({@link PackageUpgradeOnH2IT})
 * and on PostgreSQL ({@link PackageUpgradeOnPostgresIT}).
 */
interface PackageUpgradeStories extends FhirServerUnderTest {

	String FM_CONTEXT = "http://fibroplan.org/fhir/Questionnaire/fm-context";
	String PRO = "http://fibroplan.org/fhir/CodeSystem/pro";
	Path PACKAGE = Path.of("fhir-profiles");

	/** The start-up install, as the server runs it before it reports ready. */
	ApplicationRunner packageLoader();

	DaoRegistry daos();

	@Test
	default void aDatabaseFromTheReleaseWithFmContextOneZeroStartsWithOneOneActiveAndOneZeroKeptRetiredForItsAnswers() throws Exception {
		asThePreviousReleaseLeftIt();
		String patient = newPatient("Upgrade").getIdPart();
		answer(painNrs(patient));
		IdType oldAnswer = answer(contextOneZero(patient, "pref-home-exercise", "pref-massage"));
		CarePlan before = draft(patient);
		assertThat(before.getActivity()).as("the old release drafted a plan from the 1.0.0 answers").isNotEmpty();

		assertThatCode(() -> packageLoader().run(null)).as("the start-up install on the old database").doesNotThrowAnyException();

		assertThat(versions()).containsExactlyInAnyOrder("1.1.0 active", "1.0.0 retired");
		Questionnaire current = fhir().read().resource(Questionnaire.class).withId("fm-context").execute();
		assertThat(current.getVersion() + " " + current.getStatus().toCode()).isEqualTo("1.1.0 active");

		QuestionnaireResponse stillThere = fhir().read().resource(QuestionnaireResponse.class).withId(oldAnswer.toUnqualifiedVersionless()).execute();
		assertThat(stillThere.getQuestionnaire()).isEqualTo(FM_CONTEXT + "|1.0.0");
		assertThat(stillThere.getMeta().getVersionId()).isEqualTo(oldAnswer.getVersionIdPart());
		assertThat(stillThere.getItem()).filteredOn(i -> i.getLinkId().equals("preferences")).singleElement()
				.satisfies(i -> assertThat(i.getAnswer()).extracting(a -> a.getValueCoding().getCode()).contains("pref-home-exercise"));
		CarePlan after = draft(patient);
		assertThat(after.getMeta().getVersionId()).as("installing the package revises no plan").isEqualTo(before.getMeta().getVersionId());
		assertThat(activities(after)).isEqualTo(activities(before));

		QuestionnaireResponse lateOldAnswer = contextOneZero(patient, "pref-massage");
		assertThatThrownBy(() -> fhir().create().resource(lateOldAnswer).execute()).as("1.0.0 takes no new answers once retired")
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
					assertThat(e.getStatusCode()).isEqualTo(422);
					assertThat(((OperationOutcome) e.getOperationOutcome()).getIssue()).extracting(i -> i.getDiagnostics())
							.anySatisfy(d -> assertThat(d).contains(FM_CONTEXT + "|1.0.0"));
				});
		assertThat(fhir().create().resource(contextOneOne(patient)).execute().getCreated()).as("1.1.0 takes them").isTrue();
	}

	/**
	 * The previous release knew one fm-context, 1.0.0, active, stored under the package's id fm-context; it
	 * had no retired copy. Written through the DAO, as that release's own start-up install wrote it.
	 */
	private void asThePreviousReleaseLeftIt() throws IOException {
		Questionnaire oneZero = packaged("Questionnaire-fm-context-1.0.0.json");
		oneZero.setId("fm-context");
		oneZero.setStatus(PublicationStatus.ACTIVE);
		daos().getResourceDao(Questionnaire.class).update(oneZero, new SystemRequestDetails());
		daos().getResourceDao(Questionnaire.class).delete(new IdType("Questionnaire", "fm-context-1.0.0"), new SystemRequestDetails());
		assertThat(versions()).containsExactly("1.0.0 active");
	}

	/** Whatever the story did, the shared server leaves with the package's own two versions. */
	@AfterEach
	default void thePackagesOwnVersions() throws IOException {
		daos().getResourceDao(Questionnaire.class).update(packaged("Questionnaire-fm-context.json"), new SystemRequestDetails());
		daos().getResourceDao(Questionnaire.class).update(packaged("Questionnaire-fm-context-1.0.0.json"), new SystemRequestDetails());
	}

	private static Questionnaire packaged(String file) throws IOException {
		return FhirContext.forR4Cached().newJsonParser().parseResource(Questionnaire.class, Files.readString(PACKAGE.resolve(file)));
	}

	private List<String> versions() {
		return fhir().search().byUrl("Questionnaire?url=" + FM_CONTEXT).returnBundle(Bundle.class).execute().getEntry().stream()
				.map(e -> (Questionnaire) e.getResource()).map(q -> q.getVersion() + " " + q.getStatus().toCode()).toList();
	}

	private IdType answer(QuestionnaireResponse response) {
		return (IdType) fhir().create().resource(response).execute().getId();
	}

	private CarePlan draft(String patient) {
		List<CarePlan> drafts = fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=draft").returnBundle(Bundle.class)
				.execute().getEntry().stream().map(e -> (CarePlan) e.getResource()).toList();
		assertThat(drafts).hasSize(1);
		return drafts.get(0);
	}

	private static List<String> activities(CarePlan plan) {
		return plan.getActivity().stream().map(a -> a.getExtensionByUrl(FhirTerms.ACTIVITY_DEFINITION).getValue().primitiveValue()).toList();
	}

	private static QuestionnaireResponse painNrs(String patient) {
		QuestionnaireResponse response = response("http://fibroplan.org/fhir/Questionnaire/pain-nrs|1.0.0", patient);
		for (String site : List.of("left-hip", "right-hip", "lower-back", "buttock", "worst-overall")) {
			response.addItem().setLinkId(site).addAnswer().setValue(new IntegerType(site.equals("left-hip") || site.equals("worst-overall") ? 6 : 0));
		}
		return response;
	}

	/** fm-context as the old release asked it: 'Exercise at home' was still one of its preferences. */
	private static QuestionnaireResponse contextOneZero(String patient, String... preferences) {
		QuestionnaireResponse response = context(FM_CONTEXT + "|1.0.0", patient);
		var item = response.addItem().setLinkId("preferences");
		for (String preference : preferences) {
			item.addAnswer().setValue(new Coding(PRO, preference, null));
		}
		return response;
	}

	private static QuestionnaireResponse contextOneOne(String patient) {
		return context(FM_CONTEXT + "|1.1.0", patient);
	}

	private static QuestionnaireResponse context(String questionnaire, String patient) {
		QuestionnaireResponse response = response(questionnaire, patient);
		response.addItem().setLinkId("sleep-quality").addAnswer().setValue(new Coding(PRO, "sleep-fairly-good", null));
		response.addItem().setLinkId("exercise-minutes").addAnswer().setValue(new IntegerType(30));
		response.addItem().setLinkId("recent-hip-procedure").addAnswer().setValue(new BooleanType(false));
		response.addItem().setLinkId("pool-access").addAnswer().setValue(new BooleanType(false));
		return response;
	}

	private static QuestionnaireResponse response(String questionnaire, String patient) {
		return new QuestionnaireResponse().setQuestionnaire(questionnaire).setStatus(QuestionnaireResponseStatus.COMPLETED)
				.setSubject(new Reference("Patient/" + patient)).setAuthored(new Date(System.currentTimeMillis() / 1000 * 1000 - 60_000));
	}
}

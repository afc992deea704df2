package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.stream.Collectors;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import testsupport.browser.Browser;
import testsupport.browser.StaticSite;

/**
 * A patient opens a connected app nobody here wrote: a page on its own origin built on the SMART JavaScript
 * client (npm fhirclient). The app discovers FibroPlan from its smart-configuration, sends the patient to
 * FibroPlan's sign-in page (authorization code + PKCE, a standalone patient launch), reads the patient's
 * approved plan and sends a pain check-in; FibroPlan stores it and scores it into pain-score Observations.
 */
class ConnectedAppLaunchBrowserIT extends FhirIntegrationTest {

	/** A test user of its own (application-test.yml): no other test sees its plan or answers. */
	private static final String PATIENT = "demo-patient-apps";
	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void aPatientLaunchesTheSmartClientAppSeesTheirApprovedPlanAndSendsAPainCheckInThatIsScored() throws Exception {
		CarePlan approved = approvedPlan();

		try (StaticSite app = StaticSite.connectedApps(); Browser patient = Browser.start()) {
			patient.open(app.url("/fhirclient/launch.html?iss=" + Tokens.base(port()) + "/fhir"));
			patient.signIn("patient-apps", "patient-apps");

			patient.find("#pain-form");
			JsonNode launched = result(patient);
			assertThat(launched.path("patient").asText()).as("the token response's patient").isEqualTo(PATIENT);
			assertThat(launched.path("fhirUser").asText()).isEqualTo("Patient/" + PATIENT);
			assertThat(launched.path("grantedScopes").asText()).contains("launch/patient", "patient/QuestionnaireResponse.c");
			assertThat(launched.path("carePlan").path("id").asText()).as("the approved plan, read by the app")
					.isEqualTo(approved.getIdElement().getIdPart());
			assertThat(launched.path("carePlan").path("status").asText()).isEqualTo("active");
			assertThat(launched.path("carePlan").path("activities").asInt()).isPositive();
			assertThat(launched.path("questionnaire").asText()).isEqualTo("http://fibroplan.org/fhir/Questionnaire/pain-nrs|1.0.0");

			Map<String, String> scores = Map.of("left-hip", "6", "right-hip", "3", "lower-back", "7", "buttock", "2", "worst-overall", "8");
			scores.forEach((question, score) -> patient.find("#q-" + question).sendKeys(score));
			new Select(patient.find("#q-buttock-side")).selectByVisibleText("Left");
			patient.find("#send").click();
			patient.findText("#status", "Thank you");

			JsonNode sent = result(patient);
			assertThat(sent.path("error").isMissingNode()).as("the app's error: " + sent.path("error")).isTrue();
			String responseId = sent.path("created").path("id").asText();

			QuestionnaireResponse stored = fhir().read().resource(QuestionnaireResponse.class).withId(responseId).execute();
			assertThat(stored.getQuestionnaire()).isEqualTo("http://fibroplan.org/fhir/Questionnaire/pain-nrs|1.0.0");
			assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + PATIENT);
			Map<String, Integer> derived = fhir().search().byUrl("Observation?derived-from=QuestionnaireResponse/" + responseId)
					.returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Observation) e.getResource())
					.filter(o -> o.getCode().getCodingFirstRep().getCode().equals("72514-3"))
					.collect(Collectors.toMap(o -> o.getBodySite().getCodingFirstRep().getCode(), o -> o.getValueIntegerType().getValue()));
			assertThat(derived).as("one pain score per site, by body site").hasSize(5).containsValues(6, 3, 7, 2, 8);
		}
	}

	/** Answers and an approval, as a patient's first weeks would leave them. */
	private CarePlan approvedPlan() {
		fhir().create().resource(Answers.peg(PATIENT, 7, 7, 6)).execute();
		CarePlan draft = (CarePlan) fhir().search().byUrl("CarePlan?subject=Patient/" + PATIENT + "&status=draft").returnBundle(Bundle.class)
				.execute().getEntryFirstRep().getResource();
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		client(port(), Tokens.clinicianToken(port())).update().resource(draft).withId(draft.getIdElement()).execute();
		return draft;
	}

	private static JsonNode result(Browser browser) throws Exception {
		return JSON.readTree(browser.findPresent("#result").getText());
	}
}

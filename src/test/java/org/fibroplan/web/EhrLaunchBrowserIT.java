package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.careplan.Answers;
import org.fibroplan.cdshooks.CdsClient;
import org.fibroplan.security.SmartLaunches;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import testsupport.browser.Browser;

/**
 * FibroPlan opened from an EHR, in a real browser: the demo launcher (FibroPlan playing the EHR) launches
 * the workspace for a chosen patient, and it opens on that patient; a clinician not yet signed in to
 * FibroPlan signs in on the way; a CDS Hooks card's SMART link opens the card's patient; a stale launch
 * says so instead of failing.
 */
class EhrLaunchBrowserIT extends FhirIntegrationTest {

	@Autowired
	SmartLaunches launches;

	private String app(String path) {
		return "http://localhost:" + port() + path;
	}

	private String patient(String given, String family) {
		return fhir().create().resource(new Patient().addName(new HumanName().setFamily(family).addGiven(given))).execute().getId().getIdPart();
	}

	@Test
	void theDemoLauncherOpensTheWorkspaceOnTheChosenPatient() {
		String patient = patient("Elena", "Launchpad");
		try (Browser browser = Browser.start()) {
			browser.open(app("/app/launch-demo"));
			browser.signIn("clinician", "clinician");
			browser.find("#launch-form");
			assertThat(browser.unlabelledControls()).as("every control of the launcher has a label").isEmpty();
			new Select(browser.find("#launch-patient")).selectByValue(patient);
			browser.screenshot("60-ehr-launch-demo");
			browser.find("#launch-button").click();

			browser.waitFor(d -> d.getCurrentUrl().endsWith("/app/patients/" + patient) ? true : null, "the patient's page");
			assertThat(browser.find("h1").getText()).isEqualTo("Elena Launchpad");
			browser.screenshot("61-ehr-launch-landed");
		}
	}

	@Test
	void aClinicianNotSignedInToFibroPlanSignsInOnTheWayToThePatient() {
		String patient = patient("Omar", "Fromehr");
		String launch = launches.issue(patient, "clinician");
		try (Browser browser = Browser.start()) {
			browser.open(app("/app/smart/launch?iss=" + app("/fhir") + "&launch=" + launch));
			browser.signIn("clinician", "clinician");

			browser.waitFor(d -> d.getCurrentUrl().endsWith("/app/patients/" + patient) ? true : null, "the patient's page");
			assertThat(browser.find("h1").getText()).isEqualTo("Omar Fromehr");

			// the same launch again: used once, so FibroPlan says so rather than opening anything
			browser.open(app("/app/smart/launch?iss=" + app("/fhir") + "&launch=" + launch));
			assertThat(browser.find("#launch-failed").getText()).contains("launch FibroPlan again");
		}
	}

	@Test
	void aLaunchFromAnotherFhirServerIsRefused() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create(app("/app/smart/launch?iss=https://ehr.example.org/fhir&launch=abcdefghijklmnopqrstuvwxyz"))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("only from its own FHIR server");
	}

	@Test
	void aCdsCardsSmartLinkOpensTheCardsPatient() throws Exception {
		String patient = patient("Rosa", "Cardlink");
		fhir().create().resource(Answers.peg(patient, 6, 6, 6)).execute();
		fhir().create().resource(Answers.redFlags(patient, "fever-chills")).execute();
		JsonNode link = cardLink(patient);
		String appContextPatient = new ObjectMapper().readTree(link.path("appContext").asText()).path("patient").asText();

		try (Browser browser = Browser.start()) {
			// the EHR launches the link's app for the card's patient: here the demo launcher plays the EHR
			browser.open(app("/app/launch-demo?patient=" + appContextPatient));
			browser.signIn("clinician", "clinician");
			assertThat(new Select(browser.find("#launch-patient")).getFirstSelectedOption().getAttribute("value")).isEqualTo(patient);
			assertThat(browser.find("#launch-form").getText()).as("the launcher offers the link's app").contains(link.path("url").asText());
			browser.find("#launch-button").click();

			browser.waitFor(d -> d.getCurrentUrl().endsWith("/app/patients/" + patient) ? true : null, "the card's patient");
			assertThat(browser.find("#red-flags").getText()).contains("Fever or chills");
			browser.screenshot("62-cds-card-link-landed");
		}
	}

	/** The critical card's SMART link, as the demo EHR gets it from the CDS service. */
	private JsonNode cardLink(String patient) {
		JsonNode link = CdsClient.demoEhr(port()).cards(patient).get(0).path("links").get(0);
		assertThat(link.path("type").asText()).isEqualTo("smart");
		return link;
	}
}

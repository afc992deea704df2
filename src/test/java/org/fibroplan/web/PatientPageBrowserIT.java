package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.fibroplan.FhirIntegrationTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import testsupport.browser.Browser;

/**
 * A patient without an app of their own answers the PEG on their page, in a real browser: one answer
 * out of range is explained next to its question, the corrected answers go through the FHIR API like
 * an app's, and the clinician's work queue shows the new score.
 */
class PatientPageBrowserIT extends FhirIntegrationTest {

	private static final String PATIENT = "demo-patient";

	private String app(String path) {
		return "http://localhost:" + port() + path;
	}

	@Test
	void aPatientFixesAnOutOfRangeAnswerSendsThePegAndTheClinicianSeesIt() {
		try (Browser patient = Browser.start(); Browser clinician = Browser.start()) {
			patient.open(app("/app/patient"));
			patient.signIn("patient", "patient");
			patient.find("#due-heading");
			patient.screenshot("10-patient-home");

			patient.findText("li[data-questionnaire]", "PEG").findElement(By.tagName("a")).click();
			patient.find("#questionnaire-form");
			assertThat(patient.unlabelledControls()).as("every question's control has a label").isEmpty();
			patient.find("input[name='peg-1']").sendKeys("11");
			patient.find("input[name='peg-2']").sendKeys("5");
			patient.find("input[name='peg-3']").sendKeys("6");
			patient.find("#send-answers").click();

			WebElement error = patient.find("#q-peg-1-error");
			assertThat(error.getText()).contains("0", "10");
			assertThat(patient.find("input[name='peg-1']").getAttribute("aria-invalid")).isEqualTo("true");
			assertThat(patient.find("input[name='peg-2']").getAttribute("value")).as("the other answers are kept").isEqualTo("5");
			assertThat(pegResponsesSince(0)).as("nothing was stored for the invalid form").isZero();
			patient.screenshot("11-patient-invalid-answer");

			WebElement painNow = patient.find("input[name='peg-1']");
			painNow.clear();
			// sent from the keyboard: Enter in the field submits the form
			painNow.sendKeys("9", org.openqa.selenium.Keys.ENTER);
			patient.findText("#answered", "Thank you");
			assertThat(patient.findText("li[data-questionnaire]", "PEG").getText()).as("the list knows it was just answered")
					.contains("last answered").doesNotContain("not answered yet");
			assertThat(pegResponsesSince(0)).isEqualTo(1);
			patient.screenshot("12-patient-sent");
			patient.open(app("/app"));
			patient.findText("main", "may not open that page");
			assertThat(patient.driver().getCurrentUrl()).as("a patient never sees the clinician workspace").contains("/app/welcome?denied");

			clinician.open(app("/app"));
			clinician.signIn("clinician", "clinician");
			clinician.find("#queue-summary");
			WebElement row = QueuePages.rowOf(clinician, app(""), PATIENT);
			// PEG = mean of the three answers: (9 + 5 + 6) / 3 = 6.67
			assertThat(row.findElement(By.cssSelector("td.peg")).getText()).startsWith("6.67");
			clinician.screenshot("13-queue-after-patient-answered");
		}
	}

	/** PEG responses of the demo patient stored in this test (authored in the last minutes). */
	private int pegResponsesSince(int ignored) {
		Bundle found = fhir().search().byUrl("QuestionnaireResponse?subject=Patient/" + PATIENT + "&_lastUpdated=gt" + STARTED)
				.returnBundle(Bundle.class).execute();
		return (int) found.getEntry().stream().map(e -> (QuestionnaireResponse) e.getResource())
				.filter(r -> r.getQuestionnaire().contains("/Questionnaire/peg")).count();
	}

	private static final String STARTED = java.time.Instant.now().minusSeconds(1).toString();
}

package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.fibroplan.FhirIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import testsupport.browser.Browser;

/**
 * A patient signs in on FibroPlan's own sign-in page (a wrong password is said in words) and opens each of
 * the eight questionnaires, in a real browser at a desktop width and at 390 px: each introduction is plain
 * words (no journal citation, no LOINC code), every control is big enough for a finger, a page sent empty
 * asks "please answer this question" beside each question left out, and axe finds nothing serious.
 */
class PatientQuestionnairesBrowserIT extends FhirIntegrationTest {

	static final List<String> INSTRUMENTS = List.of("pain-nrs", "peg", "acr-2016-fm", "hoos-jr", "phq-2", "gad-2", "red-flags", "fm-context");
	/** What a clinician's text has and a tired patient's should not: "et al.", "2009;24:733", a LOINC code, the word LOINC. */
	private static final Pattern CLINICIANS_WORDS = Pattern.compile("et al\\.|\\d{4};\\d+|\\b\\d{4,5}-\\d\\b|LOINC|IMMPACT|NICE|CKS");

	private String app(String path) {
		return "http://localhost:" + port() + path;
	}

	@Test
	void aPatientSignsInOnFibroPlansPageAndEveryQuestionnaireSpeaksPlainlyAndAsksForWhatWasLeftOut() {
		try (Browser patient = Browser.start()) {
			patient.open(app("/app/patient"));
			patient.find("#username");
			assertThat(patient.find("h1").getText()).isEqualTo("Sign in to FibroPlan");
			assertThat(patient.driver().getTitle()).isEqualTo("Sign in · FibroPlan");
			assertThat(patient.unlabelledControls()).isEmpty();
			Accessibility.assertUsable(patient, "login");
			assertTouchTargets(patient, "login");

			patient.signIn("patient", "not-the-password");
			assertThat(patient.find("#sign-in-problem").getText()).isEqualTo("The username or password is not right. Please try again.");
			Accessibility.assertUsable(patient, "login-error");
			patient.signIn("patient", "patient");
			patient.find("#due-heading");

			for (String instrument : INSTRUMENTS) {
				patient.open(app("/app/patient/questionnaires/" + instrument));
				patient.find("#questionnaire-form");
				String introduction = patient.find("#introduction").getText();
				assertThat(introduction).as(instrument + "'s introduction").isNotBlank().doesNotContainPattern(CLINICIANS_WORDS);
				assertThat(patient.unlabelledControls()).as(instrument).isEmpty();
				assertTouchTargets(patient, instrument);
				Accessibility.assertUsable(patient, "questionnaire-" + instrument);

				patient.find("#send-answers").click();
				WebElement summary = patient.find(".error-summary");
				List<String> asked = patient.findAll(".field-error").stream().map(WebElement::getText).toList();
				assertThat(asked).as(instrument + ": a question left out is asked for").isNotEmpty()
						.anyMatch(message -> message.startsWith("Please answer this question"));
				assertThat(summary.getText()).contains("Please answer this question");
				if ("peg".equals(instrument)) {
					assertThat(patient.find("#q-peg-1-error").getText()).isEqualTo("Please answer this question with a whole number from 0 to 10.");
					Accessibility.assertUsable(patient, "questionnaire-peg-left-empty");
				}
			}
		}
	}

	private static void assertTouchTargets(Browser browser, String page) {
		for (Accessibility.Width width : Accessibility.Width.values()) {
			Accessibility.emulate(browser, width);
			assertThat(Accessibility.smallTouchTargets(browser)).as(page + ": controls under 44 px at " + width).isEmpty();
			assertThat(Accessibility.scrollsSideways(browser)).as(page + ": sideways scrolling at " + width).isFalse();
		}
		Accessibility.emulate(browser, Accessibility.Width.DESKTOP);
	}
}

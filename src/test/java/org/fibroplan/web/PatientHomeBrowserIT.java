package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import testsupport.browser.Browser;

/**
 * A patient with fibro fog opens their page a month into their plan, in a real browser, on a desktop and on
 * a phone: they are greeted by name; the top says at most three things for this week (the check-ins due, the
 * plan's first step, how their PEG goal is going); their own chart shows PEG and worst pain falling towards
 * the goals; the plan reads in sections with the evidence folded away and nothing meant for the clinician;
 * every control is big enough for a finger, the phone header fits; and the plan prints with their name, the
 * date, who approved it and the clinic to call. axe finds nothing serious on either page at either width.
 */
class PatientHomeBrowserIT extends FhirIntegrationTest {

	/** A test user of its own (application-test.yml): no other test sees its plan. */
	private static final String PATIENT = "demo-patient-pages";

	private String app(String path) {
		return "http://localhost:" + port() + path;
	}

	@Test
	void aPatientReadsTheirWeekTheirTrendAndTheirPlanAndPrintsIt() {
		IGenericClient clinician = client(port(), Tokens.clinicianToken(port()));
		answered(Duration.ofDays(28), 9, 8, 8, 8);
		answered(Duration.ofDays(14), 8, 7, 7, 7);
		fhir().create().resource(Answers.phq2(PATIENT, 2, 2)).execute(); // a positive mood screen: a task for the clinician
		CarePlan draft = (CarePlan) fhir().search().byUrl("CarePlan?subject=Patient/" + PATIENT + "&status=draft").returnBundle(Bundle.class)
				.execute().getEntryFirstRep().getResource();
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician.update().resource(draft).withId(draft.getIdElement()).execute();
		// answered since the approval: better, not yet at the goal (baseline PEG 7, goal 30 % lower: 4.9 or less;
		// worst pain 8, goal 5.6 or less)
		fhir().create().resource(Answers.peg(PATIENT, 6, 6, 6).setAuthored(new Date())).execute();

		try (Browser patient = Browser.start()) {
			patient.open(app("/app/patient"));
			patient.signIn("patient-pages", "patient-pages");

			assertThat(patient.find("#greeting").getText()).as("greeted by name").isEqualTo("Hello, Paula");

			List<WebElement> week = patient.findAll("#this-week li.week-item");
			assertThat(week).as("at most three things this week").hasSizeBetween(1, 3);
			assertThat(week).extracting(item -> item.getAttribute("data-kind")).containsExactly("check-in", "activity", "goal");
			assertThat(week.get(0).getText()).contains("check-ins are due").contains("Pain now");
			assertThat(week.get(1).getText()).startsWith("Your first step: ").contains("Walk or cycle");
			assertThat(week.get(2).getText()).contains("Latest: 6", "your goal is 4.9 or less");

			WebElement chart = patient.find("#trend-chart");
			patient.waitFor(d -> "true".equals(chart.getAttribute("data-drawn")) ? true : null, "the trend chart drawn");
			assertThat(chart.getAttribute("aria-label")).contains("How much pain gets in the way (PEG): 8 on", "6 on", "goal 4.9 or less",
					"Worst pain: 9 on", "8 on", "goal 5.6 or less");
			assertThat(patient.find("#trend figcaption").getText()).isEqualTo(chart.getAttribute("aria-label"));
			patient.find("#trend details.trend-numbers summary").click();
			assertThat(patient.findAll("#trend table tbody tr")).as("one row per day answered").hasSize(3);

			String plan = patient.find("#my-plan").getText();
			assertThat(patient.findAll("#my-plan h3.plan-section")).extracting(WebElement::getText)
					.containsSubsequence("Move", "Stretch and mobility", "Sleep, mood and self-care", "Check-ins", "Your goals");
			assertThat(plan).contains("Approved on", "by Dana Demo", "Why: ");
			assertThat(plan).as("nothing for the clinician only").doesNotContain("Clinician: assess mood further", "For the clinician");
			WebElement aerobic = patient.find("#my-plan li[data-activity$='/aerobic-land']");
			WebElement evidence = aerobic.findElement(By.cssSelector("details.evidence"));
			assertThat(evidence.getAttribute("open")).as("the evidence folded away").isNull();
			assertThat(aerobic.getText()).doesNotContain("EULAR");
			evidence.findElement(By.tagName("summary")).click();
			patient.waitFor(d -> aerobic.getText().contains("EULAR 2016") ? true : null, "the evidence, unfolded");

			for (Accessibility.Width width : Accessibility.Width.values()) {
				Accessibility.emulate(patient, width);
				assertThat(Accessibility.smallTouchTargets(patient)).as("controls under 44 px at " + width).isEmpty();
				assertThat(Accessibility.scrollsSideways(patient)).as("sideways scrolling at " + width).isFalse();
			}
			Accessibility.emulate(patient, Accessibility.Width.PHONE);
			assertThat(patient.find("header.site-header").getSize().getHeight()).as("the phone header is one row").isLessThanOrEqualTo(60);
			Accessibility.emulate(patient, Accessibility.Width.DESKTOP);
			Accessibility.assertUsable(patient, "patient-home");

			patient.find("#print-plan").click();
			assertThat(patient.find("#plan-for").getText()).isEqualTo("Care plan for Paula Pages");
			assertThat(patient.find("#printed-on").getText()).isEqualTo(new SimpleDateFormat("d MMMM yyyy", Locale.ENGLISH).format(new Date()));
			assertThat(patient.find("#approved-by").getText()).endsWith("by Dana Demo");
			String contact = patient.find("#clinic-contact").getText();
			assertThat(contact).as("the clinic's contact, from fibroplan.clinic.*").contains("FibroPlan Demo Pain Clinic", "020 7946 0123",
					"pain.clinic@example.org");
			String printed = patient.find("main").getText();
			assertThat(printed).as("on paper the evidence is written out").contains("Evidence: Strong for", "EULAR 2016")
					.doesNotContain("Clinician: assess mood further");
			assertThat(Accessibility.smallTouchTargets(patient)).isEmpty();
			Accessibility.assertUsable(patient, "patient-plan-printable");

			// as the printer sees it: no header, no buttons, the plan and the clinic's number
			((HasCdp) patient.driver()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
			assertThat(patient.find("#clinic-contact").isDisplayed()).isTrue();
			assertThat(patient.findAll("header.site-header").get(0).isDisplayed()).isFalse();
			assertThat(patient.findAll("#print-now").get(0).isDisplayed()).isFalse();
			Accessibility.fullPageScreenshot(patient, "patient-plan-as-printed");
			((HasCdp) patient.driver()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
		}
	}

	/** Pain by site and the PEG, answered some time ago (the same worst pain and PEG items each time). */
	private void answered(Duration ago, int worst, int pain, int enjoyment, int activity) {
		Date when = Date.from(Instant.now().minus(ago));
		fhir().create().resource(Answers.painNrs(PATIENT, 6, 0, 6, worst).setAuthored(when)).execute();
		fhir().create().resource(Answers.peg(PATIENT, pain, enjoyment, activity).setAuthored(when)).execute();
	}
}

package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.SimpleDateFormat;
import java.util.Date;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import testsupport.browser.Browser;

/**
 * A clinician works a red flag through, in a real browser: the flag reads once; the urgent review leaves
 * the plan only with the clinician's reason, which stays in the notes; the clinician records what was
 * decided and closes the flag, and sees who closed it, when and why; the work queue no longer puts the
 * patient first and the plan is no longer on hold.
 */
class RedFlagReviewBrowserIT extends FhirIntegrationTest {

	private String app(String path) {
		return "http://localhost:" + port() + path;
	}

	@Test
	void aRedFlagReadsOnceTheUrgentReviewGoesOnlyWithAReasonAndTheClinicianClosesTheFlagWithWhatWasDecided() {
		String patient = fhir().create().resource(new Patient().addName(new HumanName().setFamily("Redflag").addGiven("Rita")))
				.execute().getId().getIdPart();
		fhir().create().resource(Answers.painNrs(patient, 0, 0, 7, 7)).execute();
		fhir().create().resource(Answers.redFlags(patient, "night-pain")).execute();

		try (Browser browser = Browser.start()) {
			browser.open(app("/app"));
			browser.signIn("clinician", "clinician");
			assertThat(QueuePages.rowOf(browser, app(""), patient).getAttribute("data-priority")).isEqualTo("stat");
			browser.open(app("/app/patients/" + patient));
			WebElement flag = browser.find("#red-flags li[data-flag]");
			String today = new SimpleDateFormat("d MMM yyyy").format(new Date());
			String line = flag.findElement(By.cssSelector("strong")).getText() + ": " + flag.findElement(By.cssSelector(".flag-answer")).getText();
			assertThat(line).as("the flag reads once").isEqualTo("Night pain or pain at rest: answered yes on " + today);
			assertThat(browser.unlabelledControls()).as("every control of the review forms has a label").isEmpty();
			browser.screenshot("30-red-flag");

			WebElement urgent = browser.find("#draft-plan li[data-activity$='/urgent-review']");
			assertThat(urgent.findElements(By.cssSelector("button[aria-label^='Remove']"))).as("no plain Remove while the flag stands").isEmpty();
			urgent.findElement(By.cssSelector("details.remove-urgent summary")).click();
			urgent.findElement(By.cssSelector("textarea[name=reason]")).sendKeys("Seen in clinic today; MRI booked for tomorrow.");
			urgent.findElement(By.cssSelector("details.remove-urgent button[type=submit]")).click();
			browser.findText("#outcome.notice-ok", "with your reason in the notes");
			assertThat(browser.find("#draft-plan .notes").getText()).contains("Urgent clinical review", "MRI booked for tomorrow");
			browser.screenshot("31-urgent-review-removed-with-reason");

			WebElement review = browser.find("#red-flags li[data-flag]");
			review.findElement(By.cssSelector("details.flag-review summary")).click();
			review.findElement(By.cssSelector("input[name=outcome][value=resolved]")).click();
			review.findElement(By.cssSelector("textarea[name=note]")).sendKeys("Phoned: wakes with pain after a new mattress, no other signs. Resume the plan.");
			browser.screenshot("32-red-flag-review-form");
			review.findElement(By.cssSelector("form.flag-review-form button[type=submit]")).click();
			assertThat(browser.findText("#outcome.notice-ok", "closed").getText()).contains("Night pain or pain at rest", "no serious cause found");
			assertThat(browser.findAll("#red-flags")).as("no active red flag any more").isEmpty();
			assertThat(browser.find("#reviewed-flags").getText())
					.contains("Night pain or pain at rest", "no serious cause found", "new mattress", "Dana Demo", today);
			assertThat(browser.find("#draft-plan").getText()).as("the plan is no longer on hold").contains("Core stabilisation exercises");
			assertThat(browser.findAll("#draft-plan li[data-activity$='/urgent-review']")).isEmpty();
			browser.screenshot("33-red-flag-reviewed");

			assertThat(QueuePages.rowOf(browser, app(""), patient).getAttribute("data-priority")).as("no longer stat").isNotEqualTo("stat");
		}
		CarePlan draft = (CarePlan) fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=draft").returnBundle(Bundle.class)
				.execute().getEntryFirstRep().getResource();
		assertThat(draft.getNote()).anyMatch(n -> n.getText().contains("MRI booked") && n.getExtensionByUrl(
				"http://fibroplan.org/fhir/StructureDefinition/removed-activity") != null);
	}
}

package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.careplan.Answers;
import org.fibroplan.ehr.DeliveryStory;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import testsupport.browser.Browser;

/**
 * A clinician at work, in a real browser: signs in through the identity provider, opens the worklist and
 * a patient, sees the pain chart, removes an activity, approves, and follows the delivery to the EHR;
 * and when someone else changed the plan meanwhile, is told so instead of losing the edit.
 */
class ClinicianWorkspaceBrowserIT extends FhirIntegrationTest {

	private static Browser browser;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	private String app(String path) {
		return "http://localhost:" + port() + path;
	}

	private void signedInAsClinician() {
		browser.open(app("/app"));
		if (browser.driver().getCurrentUrl().contains("/login")) {
			browser.signIn("clinician", "clinician");
		}
		browser.find("#worklist, main p.empty");
	}

	@Test
	void aClinicianReviewsRemovesAnActivityApprovesAndSeesTheDelivery() {
		DeliveryStory story = new DeliveryStory(this, DeliveryStory.CLINIC);
		story.knownToTheEhr();
		fhir().create().resource(Answers.painNrs(story.patient, 7, 2, 3, 7)).execute();
		fhir().create().resource(Answers.peg(story.patient, 7, 6, 7)).execute();

		signedInAsClinician();
		WebElement row = browser.find("tr[data-patient='" + story.patient + "']");
		assertThat(row.getText()).contains("Delivery");
		browser.screenshot("01-worklist");

		row.findElement(org.openqa.selenium.By.cssSelector("a")).click();
		browser.find("#draft-plan");
		Object chartDrawn = browser.waitFor(d -> browser.script(
				"var c = document.querySelector('canvas.pain-chart'); return c && window.Chart && Chart.getChart(c) ? true : null;"), "the pain chart");
		assertThat(chartDrawn).isEqualTo(true);
		assertThat(browser.findAll("canvas.pain-chart")).as("one chart per painful site").hasSizeGreaterThanOrEqualTo(2);
		assertThat(browser.find("#draft-plan").getText()).contains("Evidence", "Dose", "Why");
		assertThat(browser.unlabelledControls()).as("every control on the patient view has a label").isEmpty();
		browser.screenshot("02-patient");

		WebElement activity = browser.findAll("li.activity").get(0);
		String removed = activity.getAttribute("data-activity");
		String title = activity.findElement(org.openqa.selenium.By.cssSelector("h3 span")).getText();
		activity.findElement(org.openqa.selenium.By.cssSelector("form button[type=submit]")).click();
		browser.findText("#outcome", "Removed");
		CarePlan draft = story.plans("draft").get(0);
		assertThat(draft.getActivity()).noneMatch(a -> removed.equals(definition(a.getExtensionByUrl(
				"http://fibroplan.org/fhir/StructureDefinition/activity-definition"))));
		assertThat(draft.getExtensionsByUrl("http://fibroplan.org/fhir/StructureDefinition/declined-activity"))
				.as("the removal is recorded so the rules do not propose it again")
				.anyMatch(e -> removed.equals(e.getValue().primitiveValue()));
		browser.screenshot("03-removed");

		browser.find("#approve").click();
		browser.findText("#outcome", "Approved");
		assertThat(story.plans("active")).hasSize(1);
		CarePlan active = story.plans("active").get(0);
		story.awaitStatus(active, "clinic-ehr", Task.TaskStatus.COMPLETED);
		browser.open(app("/app/patients/" + story.patient));
		WebElement delivery = browser.find("#deliveries tr[data-target='clinic-ehr']");
		assertThat(delivery.getAttribute("data-status")).isEqualTo("completed");
		assertThat(browser.find("#active-plan").getText()).doesNotContain(title);
		browser.screenshot("04-approved-and-delivered");
	}

	@Test
	void aPlanChangedMeanwhileIsReportedAndNothingIsLost() {
		DeliveryStory story = new DeliveryStory(this, DeliveryStory.CLINIC);
		fhir().create().resource(Answers.painNrs(story.patient, 0, 6, 5, 6)).execute();
		signedInAsClinician();
		browser.open(app("/app/patients/" + story.patient));
		browser.find("#draft-plan");
		String versionSeen = browser.findPresent("#draft-plan input[name=version]").getAttribute("value");

		// Meanwhile a colleague adds a note through the API: the draft moves on to a new version.
		CarePlan draft = story.plans("draft").get(0);
		draft.addNote().setText("Colleague: discuss pacing first");
		story.clinician().update().resource(draft).withId(draft.getIdElement().toUnqualifiedVersionless()).execute();

		WebElement activity = browser.findAll("li.activity").get(0);
		String key = activity.getAttribute("data-activity");
		activity.findElement(org.openqa.selenium.By.cssSelector("form button[type=submit]")).click();
		WebElement conflict = browser.find("#outcome.notice-conflict");
		assertThat(conflict.getText()).contains("Not saved", "changed by someone else");
		browser.screenshot("05-conflict");

		CarePlan now = story.plans("draft").get(0);
		assertThat(now.getIdElement().getVersionIdPart()).isNotEqualTo(versionSeen);
		assertThat(now.getActivity()).as("the stale removal was not applied")
				.anyMatch(a -> key.equals(definition(a.getExtensionByUrl("http://fibroplan.org/fhir/StructureDefinition/activity-definition"))));
		assertThat(now.getNote()).as("the colleague's edit is kept").anyMatch(n -> n.getText().contains("pacing"));

		browser.find("#reload-plan").click();
		browser.waitFor(d -> browser.findPresent("#draft-plan input[name=version]").getAttribute("value").equals(now.getIdElement().getVersionIdPart()) ? true : null,
				"the current version after reloading");
		assertThat(browser.find("#draft-plan").getText()).contains("Colleague: discuss pacing first");
		browser.screenshot("06-reloaded");

		browser.open(app("/app/patients/nobody-by-that-id"));
		assertThat(browser.find("#problem").getText()).as("the API's refusal, in words").contains("404");
	}

	private static String definition(Extension extension) {
		return extension == null ? null : extension.getValue().primitiveValue();
	}
}

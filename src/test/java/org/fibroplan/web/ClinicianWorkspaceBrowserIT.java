package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.fibroplan.ehr.DeliveryStory;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import testsupport.browser.Browser;

/**
 * A clinician at work, in a real browser: signs in through the identity provider, finds patients on the
 * panel (the work queue, the patient search), opens a patient, sees the pain chart, removes an activity, approves, and follows the delivery to the EHR;
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
		browser.find("#queue-summary");
	}

	@Test
	void aClinicianReviewsRemovesAnActivityApprovesAndSeesTheDelivery() {
		DeliveryStory story = new DeliveryStory(this, DeliveryStory.CLINIC);
		story.knownToTheEhr();
		fhir().create().resource(Answers.painNrs(story.patient, 7, 2, 3, 7)).execute();
		fhir().create().resource(Answers.peg(story.patient, 7, 6, 7)).execute();

		signedInAsClinician();
		WebElement row = QueuePages.rowOf(browser, app(""), story.patient);
		assertThat(row.getText()).contains("Delivery");
		browser.screenshot("01-queue");

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
		String title = activity.findElement(org.openqa.selenium.By.cssSelector(".activity-title")).getText();
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
		assertThat(browser.find("#preview-patient-reads").getText()).as("the preview shows what the patient will read")
				.contains("Why:").doesNotContain(title);
		assertThat(browser.find("#preview-changes").getText()).contains("first approved plan");
		assertThat(browser.find("#approval-delivery").getText()).as("what approval will do, from the EHRs configured")
				.contains("sends it to", "clinic-ehr").doesNotContain("No EHR");
		assertThat(story.plans("active")).as("nothing is approved by looking").isEmpty();
		browser.screenshot("03b-approval-preview");
		browser.find("#confirm-approval").click();
		assertThat(browser.findText("#outcome", "Approved").getText()).contains("being sent to", "clinic-ehr").doesNotContain("No EHR");
		assertThat(browser.find("#approved-by").getText()).as("who approved, and when").contains("Approved by Dana Demo on");
		assertThat(story.plans("active")).hasSize(1);
		CarePlan active = story.plans("active").get(0);
		story.awaitStatus(active, "clinic-ehr", Task.TaskStatus.COMPLETED);
		browser.open(app("/app/patients/" + story.patient));
		WebElement delivery = browser.find("#deliveries tr[data-target='clinic-ehr']");
		assertThat(delivery.getAttribute("data-status")).isEqualTo("completed");
		assertThat(delivery.findElement(By.cssSelector("td")).getText()).as("the status in words").isEqualTo("delivered");
		assertThat(browser.findAll("#no-deliveries")).as("no contradicting word of no EHR").isEmpty();
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
		assertThat(browser.find("#problem").getText()).as("the API's refusal, in words").contains("404", "no patient with the id “nobody-by-that-id”")
				.doesNotContain("HAPI-");
		assertThat(browser.findPresent("#problem-details").getAttribute("textContent")).as("the server's own words stay in the details").contains("HAPI-");
	}

	@Test
	void thePanelListsTheQueueWithTheRedFlagPatientFirstPagesItAndFindsAnApprovedPatientByMrn() {
		String firstRoutine = patient("Routine", "MRN-" + UUID.randomUUID());
		fhir().create().resource(Answers.peg(firstRoutine, 6, 5, 7)).execute();
		String secondRoutine = patient("Routine", "MRN-" + UUID.randomUUID());
		fhir().create().resource(Answers.peg(secondRoutine, 5, 5, 5)).execute();
		String approvedMrn = "MRN-" + UUID.randomUUID();
		String approvedFamily = "Approved" + letters();
		String approved = patient(approvedFamily, approvedMrn);
		fhir().create().resource(Answers.peg(approved, 6, 6, 6)).execute();
		approve(approved);
		String flagged = patient("Flagged", "MRN-" + UUID.randomUUID());
		fhir().create().resource(Answers.peg(flagged, 6, 6, 6)).execute();
		fhir().create().resource(Answers.redFlags(flagged, "fever-chills")).execute();

		signedInAsClinician();
		browser.open(app("/app?size=2"));
		List<WebElement> firstPage = browser.findAll("#queue tbody tr");
		assertThat(firstPage).as("two rows a page").hasSize(2);
		WebElement top = firstPage.get(0);
		assertThat(top.getAttribute("data-patient")).as("the newest red flag heads the queue").isEqualTo(flagged);
		assertThat(top.getAttribute("class")).contains("row-stat");
		assertThat(top.findElement(By.cssSelector("td.priority")).getText()).as("stat is said in words, not only in colour").contains("Stat");
		assertThat(top.findElements(By.cssSelector("td.reasons [data-reason]")).get(0).getAttribute("data-reason")).isEqualTo("red-flag");
		assertThat(top.findElement(By.cssSelector("td.reasons")).getText()).contains("Red flag", "Draft awaiting review");
		assertThat(top.findElement(By.cssSelector("td.peg")).getText()).startsWith("6");
		assertThat(top.findElement(By.cssSelector("td.since")).getText()).isNotEqualTo("—");
		assertThat(browser.unlabelledControls()).as("every control on the panel has a label").isEmpty();
		assertThat(browser.find("#queue caption").getText()).contains("Red flags", "Page 1 of");
		browser.screenshot("07-panel-queue");

		List<String> pageOne = firstPage.stream().map(r -> r.getAttribute("data-patient")).toList();
		browser.find("#queue-next").click();
		browser.findText("#queue-pager", "Page 2 of");
		List<String> pageTwo = browser.findAll("#queue tbody tr").stream().map(r -> r.getAttribute("data-patient")).toList();
		assertThat(pageTwo).isNotEmpty().hasSizeLessThanOrEqualTo(2).doesNotContainAnyElementsOf(pageOne);
		browser.find("#queue-previous").click();
		browser.findText("#queue-pager", "Page 1 of");
		assertThat(browser.findAll("#queue tbody tr")).extracting(r -> r.getAttribute("data-patient")).containsExactlyElementsOf(pageOne);

		WebElement routine = QueuePages.rowOf(browser, app(""), firstRoutine);
		assertThat(routine.getAttribute("data-priority")).isEqualTo("routine");
		assertThat(routine.findElement(By.cssSelector("td.reasons")).getText()).contains("Draft awaiting review").doesNotContain("Red flag");
		assertThat(routine.findElement(By.cssSelector("td.peg")).getText()).startsWith("6");
		assertThat(QueuePages.rowOf(browser, app(""), secondRoutine).findElement(By.cssSelector("td.peg")).getText()).startsWith("5");
		browser.open(app("/app?size=100"));
		List<Integer> ranks = browser.findAll("#queue tbody tr").stream().map(r -> List.of("stat", "urgent", "routine").indexOf(r.getAttribute("data-priority"))).toList();
		assertThat(ranks).as("stat, then urgent, then routine").isSorted().doesNotContain(-1);

		WebElement search = browser.find("#q");
		search.sendKeys(approvedMrn, Keys.ENTER);
		// the list under care may show the patient too: wait for the search's own answer
		browser.findText("#patients caption", approvedMrn);
		WebElement found = browser.find("#patients tr[data-patient='" + approved + "']");
		assertThat(browser.findAll("#patients tbody tr")).as("an MRN names one patient").hasSize(1);
		assertThat(found.getText()).contains(approvedFamily, approvedMrn);
		browser.screenshot("08-panel-found-by-mrn");

		browser.find("#clear-search").click();
		browser.waitFor(d -> browser.find("#q").getAttribute("value").isEmpty() ? true : null, "the search cleared");
		browser.find("#q").sendKeys(approvedFamily, Keys.ENTER);
		browser.findText("#patients caption", "named");
		browser.find("#patients tr[data-patient='" + approved + "'] a").click();
		browser.findText("h1", approvedFamily);
		assertThat(browser.driver().getCurrentUrl()).endsWith("/app/patients/" + approved);
	}

	private String patient(String family, String mrn) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.19.5").setValue(mrn);
		patient.addName().setFamily(family).addGiven("Test");
		return fhir().create().resource(patient).execute().getId().getIdPart();
	}

	/** The clinician approves the patient's draft through the API, as an app would. */
	private void approve(String patient) {
		CarePlan draft = fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=draft").returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (CarePlan) e.getResource()).findFirst().orElseThrow();
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		client(port(), Tokens.clinicianToken(port())).update().resource(draft).withId(draft.getIdElement()).execute();
	}

	/** A family name no other test uses: letters only, as names are searched. */
	private static String letters() {
		StringBuilder name = new StringBuilder();
		java.util.concurrent.ThreadLocalRandom.current().ints(8, 'a', 'z' + 1).forEach(c -> name.append((char) c));
		return name.toString();
	}

	private static String definition(Extension extension) {
		return extension == null ? null : extension.getValue().primitiveValue();
	}
}

package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
 * A clinician changes a dose, looks at what the patient will read before approving, approves, then opens
 * the plan's history: every version says what happened and who did it, and two versions compare side by
 * side (the dose before and after, the approval).
 */
class PlanHistoryBrowserIT extends FhirIntegrationTest {

	@Test
	void aClinicianPreviewsApprovesAndReadsThePlansHistoryWithTheDifferenceBetweenVersions() {
		String patient = fhir().create().resource(new Patient().addName(new HumanName().setFamily("Preview").addGiven("Petra")))
				.execute().getId().getIdPart();
		fhir().create().resource(Answers.painNrs(patient, 0, 0, 6, 6)).execute();
		fhir().create().resource(Answers.peg(patient, 6, 6, 6)).execute();
		String app = "http://localhost:" + port();

		try (Browser clinician = Browser.start()) {
			clinician.open(app + "/app/patients/" + patient);
			clinician.signIn("clinician", "clinician");
			clinician.find("#draft-plan li.activity"); // the page after the sign-in redirects, before reading its list
			WebElement first = clinician.findAll("#draft-plan li.activity").stream()
					.filter(li -> !li.findElements(By.cssSelector("details.dose-edit")).isEmpty()).findFirst().orElseThrow();
			String anchor = first.getAttribute("id");
			String title = first.findElement(By.cssSelector(".activity-title")).getText();
			first.findElement(By.cssSelector("details.dose-edit summary")).click();
			WebElement dose = clinician.find("#" + anchor + " input[name=dose]");
			dose.clear();
			dose.sendKeys("12 minutes 4 times a week");
			WebElement instruction = clinician.find("#" + anchor + " textarea[name=instruction]");
			instruction.clear();
			instruction.sendKeys("Walk 12 minutes 4 times a week at an easy pace.");
			clinician.find("#" + anchor + " details.dose-edit button[type=submit]").click();
			clinician.findText("#outcome", "Changed the dose");

			clinician.find("#approve").click();
			clinician.findText("h1", "Approve the plan for Petra Preview");
			assertThat(clinician.find("#preview-patient-reads").getText()).contains("Walk 12 minutes 4 times a week at an easy pace.");
			assertThat(plans(patient, "active")).as("the preview approves nothing").isEmpty();
			clinician.screenshot("40-approval-preview");
			clinician.find("#confirm-approval").click();
			clinician.findText("#outcome", "Approved");
			assertThat(clinician.find("#approved-by").getText()).contains("Approved by Dana Demo on");

			clinician.find("#approved-by a.plan-history-link").click();
			clinician.find("table.versions");
			List<WebElement> versions = clinician.findAll("table.versions tbody tr");
			assertThat(versions.get(0).findElement(By.cssSelector(".event")).getText()).isEqualTo("Approved by a clinician");
			assertThat(versions.get(0).findElement(By.cssSelector(".who")).getText()).isEqualTo("Dana Demo");
			assertThat(versions.get(0).findElement(By.cssSelector(".changes")).getText()).isEqualTo("approved");
			assertThat(versions.get(1).findElement(By.cssSelector(".event")).getText()).isEqualTo("Edited by a clinician");
			assertThat(versions.get(1).findElement(By.cssSelector(".changes")).getText()).contains("changed: " + title, "dose");
			WebElement drafted = versions.get(versions.size() - 1);
			assertThat(drafted.findElement(By.cssSelector(".event")).getText()).startsWith("Drafted by the rules");
			assertThat(drafted.findElement(By.cssSelector(".who")).getText()).isEqualTo("FibroPlan care-plan rules");
			assertThat(clinician.unlabelledControls()).as("every control on the history has a label").isEmpty();
			clinician.screenshot("41-plan-history");

			drafted.findElement(By.cssSelector("input[name=from]")).click();
			clinician.find("#compare").click();
			assertThat(clinician.find("#status-change").getText()).isEqualTo("Status: approved");
			WebElement changed = clinician.find("#changed table");
			assertThat(changed.getText()).contains(title, "Dose", "12 minutes 4 times a week", "Walk 12 minutes 4 times a week at an easy pace.");
			clinician.screenshot("42-plan-difference");
		}
	}

	private List<CarePlan> plans(String patient, String status) {
		return fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=" + status).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (CarePlan) e.getResource()).toList();
	}
}

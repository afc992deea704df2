package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.careplan.Answers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import testsupport.browser.Browser;

/**
 * A clinician reads a plan with referrals and a task for themselves, in a real browser: every activity,
 * referral included, shows its name, what it is, why and its grade, all in the words a clinician uses
 * (codes only on hover), in sections, charts only for sites that hurt; a new dose goes with the instruction the
 * patient reads, the page keeps its place after the edit, and the patient then reads
 * that one instruction in the clinician's words; a treatment guidelines advise against is added only with
 * a reason, which the patient reads; the clinician's own task never reaches the patient's page.
 */
class PlanInWordsBrowserIT extends FhirIntegrationTest {

	/** A test user of its own (application-test.yml): no other test sees its plan. */
	private static final String PATIENT = "demo-patient-words";
	private static final String NEW_DOSE = "10 minutes 3 times a week; add 5 minutes every 2 weeks";
	private static final String NEW_INSTRUCTION = "Walk or cycle at an easy pace you can talk through: 10 minutes 3 times a week, "
			+ "adding 5 minutes every 2 weeks. Increase by time, not by pain.";

	private static final String CHIROPRACTIC_REASON = "You see a chiropractor already and asked for it to be on your plan; we review it in 6 weeks.";

	private String app(String path) {
		return "http://localhost:" + port() + path;
	}

	@Test
	void everyActivityReadsInWordsANewDoseIsOneInstructionAndTheClinicianTaskStaysOffThePatientsPage() {
		fhir().create().resource(Answers.painNrs(PATIENT, 6, 0, 6, 7)).execute();
		fhir().create().resource(Answers.peg(PATIENT, 7, 7, 8)).execute();
		fhir().create().resource(Answers.phq2(PATIENT, 2, 2)).execute();

		try (Browser clinician = Browser.start()) {
			clinician.open(app("/app/patients/" + PATIENT));
			clinician.signIn("clinician", "clinician");
			clinician.find("#draft-plan");
			clinician.find("#draft-plan li.activity"); // the page after the sign-in redirects, before reading its list
			List<WebElement> activities = clinician.findAll("#draft-plan li.activity");
			assertThat(activities).hasSizeGreaterThan(5);
			for (WebElement activity : activities) {
				String name = activity.getAttribute("data-activity");
				assertThat(activity.findElement(By.cssSelector(".activity-title")).getText()).as("the name of " + name).isNotBlank().isNotEqualTo("(unnamed)");
				assertThat(activity.findElement(By.cssSelector(".activity-description")).getText()).as("what " + name + " is").isNotBlank();
				assertThat(activity.findElement(By.cssSelector(".why")).getText()).as("why " + name).isNotBlank();
				assertThat(activity.findElement(By.cssSelector(".evidence .grade")).getText()).as("the grade of " + name).isNotBlank().isNotEqualTo("not graded");
			}
			WebElement physio = clinician.find("#draft-plan li[data-activity$='/physio-referral']");
			assertThat(physio.getText()).contains("Physiotherapy referral", "referral", "A referral to a physiotherapist", "Not graded on its own");
			assertThat(physio.findElement(By.cssSelector(".grade")).getAttribute("title")).as("the code on hover").isEqualTo("evidence-grade not-graded-alone");
			assertThat(clinician.find("#draft-plan li[data-activity$='/cbt'] .activity-title").getText()).isEqualTo("Cognitive behavioural therapy (CBT)");
			assertThat(clinician.find("#draft-plan li[data-activity$='/mood-assessment']").getText())
					.as("the clinician's own task is marked as theirs").contains("not shown to the patient");

			assertThat(clinician.findAll("#draft-plan h3.plan-section")).extracting(WebElement::getText).as("the plan read in sections")
					.containsSubsequence("Move", "Stretch and mobility", "Sleep, mood and self-care", "Referrals", "With the clinician", "Check-ins");
			List<WebElement> referrals = clinician.findAll("#draft-plan h3#draft-section-referrals + ol li.activity");
			assertThat(referrals).extracting(a -> a.getAttribute("data-activity")).anyMatch(key -> key.endsWith("/physio-referral"));
			assertThat(referrals).allSatisfy(referral -> assertThat(referral.getText()).contains("referral"));
			assertThat(clinician.findAll("figure.chart figcaption")).extracting(WebElement::getText).as("charts for the sites that hurt")
					.contains("Left hip pain (0–10)", "Lower back pain (0–10)").noneMatch(caption -> caption.startsWith("Right hip"));

			String page = clinician.find("main").getText();
			assertThat(page).as("names, not codes").contains("PHQ-2 total", "Left hip pain", "Worst pain overall")
					.doesNotContain("strong-for", "weak-for", "no-graded-evidence", "55758-7", "gad-2-total", "Pain severity - 0-10",
							"http://", "(unnamed)", "demo-user");
			clinician.screenshot("20-plan-in-words");

			// a new dose beside the old words is refused: the patient would read two instructions
			changeDose(clinician, NEW_DOSE, null);
			clinician.findText("#outcome.notice-error", "Change the instruction too");
			changeDose(clinician, NEW_DOSE, NEW_INSTRUCTION);
			clinician.findText("#draft-act-aerobic-land #outcome.notice-ok", "Changed the dose");
			Object scrolled = clinician.waitFor(d -> ((Number) clinician.script("return window.scrollY;")).longValue() > 400 ? true : null,
					"the page kept its place at the activity just edited");
			assertThat(scrolled).isEqualTo(true);
			WebElement aerobic = clinician.find("#draft-plan li[data-activity$='/aerobic-land']");
			assertThat(aerobic.findElement(By.cssSelector(".dose")).getText()).isEqualTo(NEW_DOSE);
			assertThat(aerobic.findElement(By.cssSelector(".activity-description")).getText()).isEqualTo(NEW_INSTRUCTION);
			clinician.screenshot("21-dose-changed");

			// a treatment guidelines advise against is not offered silently: a warning, and a reason kept with it
			assertThat(clinician.findAll("#definition option")).extracting(WebElement::getText).noneMatch(t -> t.startsWith("Chiropractic"));
			clinician.find("#advised-against summary").click();
			assertThat(clinician.find("#advised-against-warning").getText()).contains("Guidelines advise against");
			new org.openqa.selenium.support.ui.Select(clinician.find("#advised-definition")).selectByVisibleText(
					clinician.findAll("#advised-definition option").stream().map(WebElement::getText).filter(t -> t.startsWith("Chiropractic")).findFirst().orElseThrow());
			clinician.find("#advised-reason").sendKeys(CHIROPRACTIC_REASON);
			clinician.find("#advised-against button[type=submit]").click();
			clinician.findText("#outcome.notice-ok", "with your reason");
			WebElement chiropractic = clinician.find("#draft-plan li[data-activity$='/chiropractic']");
			assertThat(chiropractic.getText()).contains("Strong against", CHIROPRACTIC_REASON);
			clinician.screenshot("24-advised-against-added-with-reason");

			clinician.find("#approve").click();
			assertThat(clinician.find("#preview-patient-reads").getText()).as("the patient never reads the clinician's task")
					.contains("Physiotherapy referral").doesNotContain("assess mood further");
			clinician.find("#confirm-approval").click();
			clinician.findText("#outcome", "Approved");
			WebElement referral = clinician.find("#active-plan li[data-activity$='/physio-referral']");
			assertThat(referral.getText()).as("the active plan reads the same").contains("Physiotherapy referral", "A referral to a physiotherapist", "Why", "Not graded on its own");
			clinician.screenshot("22-active-plan-in-words");
		}

		try (Browser patient = Browser.start()) {
			patient.open(app("/app/patient"));
			patient.signIn("patient-words", "patient-words");
			String plan = patient.find("#my-plan").getText();
			assertThat(plan).contains("Physiotherapy referral", "Cognitive behavioural therapy (CBT)");
			assertThat(plan.split(java.util.regex.Pattern.quote("10 minutes 3 times a week"), -1)).as("one instruction, in the clinician's words").hasSize(2);
			assertThat(plan).doesNotContain("start with 5 minutes", "Clinician: assess mood further", "For the clinician", "ask about safety");
			assertThat(plan).as("the clinician's reason for a treatment guidelines advise against").contains("Why: " + CHIROPRACTIC_REASON);
			patient.screenshot("23-patient-reads-one-instruction");
		}
	}

	/** Opens the aerobic exercise's dose form, types the dose and (when given) the instruction, and sends it. */
	private static void changeDose(Browser clinician, String dose, String instruction) {
		WebElement aerobic = clinician.find("#draft-plan li[data-activity$='/aerobic-land']");
		aerobic.findElement(By.cssSelector("details.dose-edit summary")).click();
		WebElement doseField = aerobic.findElement(By.cssSelector("input[name=dose]"));
		doseField.clear();
		doseField.sendKeys(dose);
		if (instruction != null) {
			WebElement instructionField = aerobic.findElement(By.cssSelector("textarea[name=instruction]"));
			instructionField.clear();
			instructionField.sendKeys(instruction);
		}
		aerobic.findElement(By.cssSelector("form.dose-form button[type=submit]")).click();
	}
}

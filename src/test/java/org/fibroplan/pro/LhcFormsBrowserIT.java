package org.fibroplan.pro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import testsupport.browser.Browser;
import testsupport.browser.StaticSite;

/**
 * Each of FibroPlan's eight questionnaires in a form filler nobody here wrote: NLM's LHC-Forms (npm lforms),
 * on a page of its own origin, loads the Questionnaire from /fhir and renders it; a scripted patient answers
 * every question in the rendered controls (numbers typed, choices picked from LHC-Forms' lists, yes/no
 * clicked, questions that appear on an answer answered too); the QuestionnaireResponse LHC-Forms makes of it
 * is posted as it is, with the patient's token. FibroPlan accepts it (201) and scores it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LhcFormsBrowserIT extends FhirIntegrationTest {

	/** A test user of its own (application-test.yml): its answers and flags touch no other story. */
	private static final String PATIENT = "demo-patient-forms";
	private static final ObjectMapper JSON = new ObjectMapper();

	private StaticSite site;
	private Browser patient;
	private String token;

	/**
	 * What the patient answers (by linkId; a choice by the words shown, several joined by "|"); any other
	 * question gets 5 for a number, "No" for yes/no, the first choice offered. Then what scoring must show.
	 */
	static Stream<Arguments> questionnaires() {
		return Stream.of(
				Arguments.of("pain-nrs", Map.of("left-hip", "6", "right-hip", "3", "lower-back", "7", "buttock", "2",
						"buttock-side", "Both", "worst-overall", "8"), Map.of("72514-3", 5)),
				Arguments.of("peg", Map.of("peg-1", "6", "peg-2", "5", "peg-3", "4"), Map.of("91147-9", 1)),
				Arguments.of("acr-2016-fm", Map.of("wpi-left-shoulder-girdle", "Yes", "wpi-right-shoulder-girdle", "Yes", "wpi-left-hip", "Yes",
						"wpi-right-hip", "Yes", "wpi-neck", "Yes", "wpi-lower-back", "Yes", "symptoms-3-months", "Yes"),
						Map.of("wpi", 1, "sss", 1, "fm-severity", 1, "acr-2016-criteria-met", 1)),
				Arguments.of("hoos-jr", Map.of(), Map.of("hoos-jr-raw", 1)),
				Arguments.of("phq-2", Map.of(), Map.of("55758-7", 1)),
				Arguments.of("gad-2", Map.of(), Map.of("gad-2-total", 1)),
				Arguments.of("red-flags", Map.of(), Map.of("saddle-numbness", 1, "leg-numbness-circulation", 1)),
				Arguments.of("fm-context", Map.of("exercise-minutes", "90", "preferences", "Acupuncture|Massage", "flare-triggers", ""),
						Map.of("sleep-quality", 1, "exercise-minutes", 1, "pool-access", 1, "recent-hip-procedure", 1)));
	}

	@BeforeAll
	void openTheFormFiller() {
		token = Tokens.patientToken(port(), "patient-forms");
		site = StaticSite.connectedApps();
		patient = Browser.start();
		patient.open(site.url("/lforms/index.html"));
		patient.waitFor(d -> Boolean.TRUE.equals(patient.script("return !!(window.LForms && LForms.Util && LForms.Util.addFormToPage)")) ? true : null,
				"LHC-Forms loaded");
	}

	@AfterAll
	void close() {
		if (patient != null) {
			patient.close();
		}
		if (site != null) {
			site.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("questionnaires")
	void lhcFormsRendersTheQuestionnaireAndWhatItMakesOfTheAnswersIsAcceptedAndScored(String id, Map<String, String> answers,
			Map<String, Integer> scored) throws Exception {
		patient.script("showQuestionnaire(arguments[0], arguments[1], arguments[2], arguments[3])", Tokens.base(port()) + "/fhir", token, PATIENT, id);
		String outcome = patient.waitFor(d -> patient.findPresent("body").getAttribute("data-outcome"), id + " rendered");
		assertThat(outcome).as(id + ": " + patient.findPresent("#result").getText()).isEqualTo("rendered");

		List<String> answered = answerEveryQuestion(answers);
		assertThat(answered).as(id + ": questions answered").isNotEmpty();
		patient.screenshot("lhc-forms-" + id);
		patient.find("#send").click();
		patient.waitFor(d -> Set.of("accepted", "refused").contains(patient.findPresent("body").getAttribute("data-outcome")) ? true : null,
				id + " sent");
		JsonNode result = JSON.readTree(patient.findPresent("#result").getText());
		assertThat(result.path("status").asInt()).as(id + " refused: " + result.path("body")).isEqualTo(201);

		String responseId = result.path("id").asText();
		List<Observation> derived = fhir().search().byUrl("Observation?derived-from=QuestionnaireResponse/" + responseId + "&_count=100")
				.returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Observation) e.getResource()).toList();
		scored.forEach((code, count) -> assertThat(derived).as(id + ": Observations " + code)
				.filteredOn(o -> o.getCode().getCodingFirstRep().getCode().equals(code)).hasSize(count));
		assertThat(derived).allSatisfy(o -> assertThat(o.getSubject().getReference()).isEqualTo("Patient/" + PATIENT));
	}

	/**
	 * Answers the questions shown, in the controls LHC-Forms rendered; again for questions an answer made
	 * appear. Hidden and calculated items are LHC-Forms' and FibroPlan's business, not the patient's.
	 */
	private List<String> answerEveryQuestion(Map<String, String> answers) {
		List<String> answered = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		boolean more = true;
		while (more) {
			more = false;
			for (WebElement item : patient.findAll("#questionnaire lhc-item.lhc-item-question")) {
				String itemId = item.getAttribute("id");
				if (!item.isDisplayed() || !seen.add(itemId)) {
					continue;
				}
				String linkId = itemId.substring("item-".length(), itemId.indexOf('/'));
				String kind = item.getAttribute("class");
				String answer = answers.get(linkId);
				if (kind.contains("lhc-datatype-BL")) {
					String choice = answer == null ? "No" : answer;
					item.findElements(By.cssSelector("label.ant-radio-wrapper")).stream().filter(l -> l.getText().trim().equals(choice))
							.findFirst().orElseThrow(() -> new AssertionError(linkId + ": no \"" + choice + "\" to click")).click();
				} else if (kind.contains("lhc-datatype-CODING") || kind.contains("lhc-datatype-CNE") || kind.contains("lhc-datatype-CWE")) {
					if (answer != null && answer.isEmpty()) {
						continue; // an optional question the patient leaves
					}
					for (String words : answer == null ? new String[] {null} : answer.split("\\|")) {
						pick(item, linkId, words);
					}
				} else {
					List<WebElement> inputs = item.findElements(By.cssSelector("input[type=text]")).stream()
							.filter(i -> i.isEnabled() && i.getAttribute("readonly") == null).toList();
					if (inputs.isEmpty()) {
						continue; // calculated (the PEG score): LHC-Forms fills it
					}
					inputs.get(0).sendKeys(answer == null ? "5" : answer);
				}
				answered.add(linkId);
				more = true; // an answer may have shown another question
			}
		}
		return answered;
	}

	/** Opens LHC-Forms' answer list under the item's field and clicks the answer (null: the first offered). */
	private void pick(WebElement item, String linkId, String words) {
		item.findElement(By.cssSelector("input[type=text]")).click();
		WebElement option = patient.waitFor(d -> d.findElements(By.cssSelector("#lhc-tools-searchResults li")).stream()
				.filter(WebElement::isDisplayed)
				.filter(li -> words == null || li.getText().replaceFirst("^\\d+:\\s*", "").trim().equals(words))
				.findFirst().orElse(null), linkId + ": the answer \"" + words + "\" in LHC-Forms' list");
		option.click();
	}
}

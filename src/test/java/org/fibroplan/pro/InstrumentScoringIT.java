package org.fibroplan.pro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The published scoring rules of ACR 2016, HOOS JR, red flags and context, at their boundaries. */
class InstrumentScoringIT extends FhirIntegrationTest {

	static final String PRO = "http://fibroplan.org/fhir/CodeSystem/pro";
	/** The 19 WPI areas in the Questionnaire's order (responses keep the Questionnaire's item order). */
	static final List<String> WPI_ORDER = List.of("left-jaw", "right-jaw", "left-shoulder-girdle", "right-shoulder-girdle",
			"left-upper-arm", "right-upper-arm", "left-lower-arm", "right-lower-arm", "left-hip", "right-hip", "left-upper-leg",
			"right-upper-leg", "left-lower-leg", "right-lower-leg", "neck", "upper-back", "lower-back", "chest", "abdomen");
	/** Six areas in all five regions. */
	static final List<String> SIX_AREAS_FIVE_REGIONS =
			List.of("left-shoulder-girdle", "right-shoulder-girdle", "left-hip", "right-hip", "neck", "lower-back");

	@Test
	void wpi6WithSss9MeetsTheCriteriaButWithSss8DoesNot() {
		Map<String, Observation> nine = acr(SIX_AREAS_FIVE_REGIONS, 3, 3, 2, true, false, false, true);
		assertThat(value(nine, "wpi")).isEqualTo(6);
		assertThat(value(nine, "sss")).isEqualTo(9);
		assertThat(met(nine)).isTrue();

		Map<String, Observation> eight = acr(SIX_AREAS_FIVE_REGIONS, 3, 3, 2, false, false, false, true);
		assertThat(value(eight, "sss")).isEqualTo(8);
		assertThat(met(eight)).isFalse();
	}

	@Test
	void painInThreeRegionsIsNotGeneralizedButFourIs() {
		List<String> threeRegions = List.of("left-shoulder-girdle", "left-upper-arm", "left-lower-arm",
				"right-shoulder-girdle", "right-upper-arm", "neck", "upper-back");
		assertThat(met(acr(threeRegions, 2, 2, 1, false, false, false, true))).as("WPI 7, SSS 5, 3 regions").isFalse();

		List<String> fourRegions = new java.util.ArrayList<>(threeRegions);
		fourRegions.add("left-hip");
		assertThat(met(acr(fourRegions, 2, 2, 1, false, false, false, true))).as("WPI 8, SSS 5, 4 regions").isTrue();
	}

	@Test
	void jawChestAndAbdomenCountForTheIndexButNotForRegions() {
		List<String> areas = List.of("left-jaw", "right-jaw", "chest", "abdomen", "left-shoulder-girdle", "right-shoulder-girdle", "neck");
		Map<String, Observation> scores = acr(areas, 2, 2, 1, false, false, false, true);
		assertThat(value(scores, "wpi")).isEqualTo(7);
		assertThat(met(scores)).as("only 3 regions count").isFalse();
	}

	/** Regions are read from CodeSystem pro as stored now: a knowledge author's edit counts from the next answer. */
	@Test
	void anAreaTakenOutOfItsRegionInCodeSystemProCountsFromTheNextAnswerWithoutARestart() {
		List<String> fourRegions = List.of("left-shoulder-girdle", "left-upper-arm", "left-lower-arm",
				"right-shoulder-girdle", "right-upper-arm", "neck", "upper-back", "left-hip");
		CodeSystem stored = fhir().read().resource(CodeSystem.class).withId("pro").execute();
		assertThat(met(acr(fourRegions, 2, 2, 1, false, false, false, true))).as("left hip in its region: 4 regions").isTrue();
		try {
			CodeSystem edited = stored.copy();
			edited.getConcept().stream().filter(c -> c.getCode().equals("wpi-left-hip")).findFirst().orElseThrow()
					.addProperty().setCode("counts-for-region").setValue(new BooleanType(false));
			update(edited);

			assertThat(met(acr(fourRegions, 2, 2, 1, false, false, false, true))).as("left hip no longer counts: 3 regions").isFalse();
		} finally {
			update(stored);
		}
		assertThat(met(acr(fourRegions, 2, 2, 1, false, false, false, true))).as("restored").isTrue();
	}

	/** As a knowledge author's tool writes a definition: by id, without If-Match (here with the system client). */
	private void update(CodeSystem codeSystem) {
		CodeSystem write = codeSystem.copy();
		write.setId("pro");
		write.getMeta().setVersionId(null);
		fhir().update().resource(write).execute();
	}

	@Test
	void symptomsShorterThanThreeMonthsDoNotMeetTheCriteria() {
		assertThat(met(acr(SIX_AREAS_FIVE_REGIONS, 3, 3, 3, false, false, false, false))).isFalse();
	}

	@Test
	void fmSeverityIsWpiPlusSssWithItsBand() {
		List<String> eight = new java.util.ArrayList<>(SIX_AREAS_FIVE_REGIONS);
		eight.addAll(List.of("upper-back", "chest"));
		Observation severity = acr(eight, 3, 3, 2, true, false, false, true).get("fm-severity");
		assertThat(severity.getValueIntegerType().getValue()).isEqualTo(17);
		assertThat(severity.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("fms-moderate");
	}

	@Test
	void hoosJrRawIsTheSumOfTheSixAnswers() {
		QuestionnaireResponse response = response("hoos-jr");
		String[] answers = {"hoos-moderate", "hoos-severe", "hoos-mild", "hoos-none", "hoos-extreme", "hoos-moderate"};
		QuestionnaireResponseItemComponent pain = response.addItem().setLinkId("pain");
		QuestionnaireResponseItemComponent function = response.addItem().setLinkId("function");
		for (int i = 0; i < 6; i++) {
			(i < 2 ? pain : function).addItem().setLinkId("hoos-" + (i + 1)).addAnswer().setValue(new Coding(PRO, answers[i], null));
		}
		Observation raw = derived(submit(response)).get("hoos-jr-raw");
		assertThat(raw.getValueIntegerType().getValue()).isEqualTo(2 + 3 + 1 + 0 + 4 + 2);
	}

	@Test
	void eachRedFlagAnswerIsRecordedAndAYesIsNamed() {
		QuestionnaireResponse response = response("red-flags");
		QuestionnaireResponseItemComponent back = response.addItem().setLinkId("back-flags");
		for (String flag : List.of("saddle-numbness", "bladder-bowel", "leg-weakness-gait", "cancer-history", "weight-loss", "night-pain",
				"new-pain-over-50", "fever-chills", "immunosuppression", "iv-drug-use", "significant-trauma")) {
			back.addItem().setLinkId(flag).addAnswer().setValue(new BooleanType("night-pain".equals(flag)));
		}
		QuestionnaireResponseItemComponent hip = response.addItem().setLinkId("hip-flags");
		for (String flag : List.of("hot-swollen-joint", "cannot-bear-weight", "rapidly-worsening", "leg-numbness-circulation")) {
			hip.addItem().setLinkId(flag).addAnswer().setValue(new BooleanType(false));
		}
		Map<String, Observation> flags = derived(submit(response));
		assertThat(flags).hasSize(15);
		assertThat(flags.get("night-pain").getValueBooleanType().getValue()).isTrue();
		assertThat(flags.get("night-pain").getCode().getCodingFirstRep().getSystem()).isEqualTo("http://fibroplan.org/fhir/CodeSystem/red-flag");
		assertThat(flags.get("saddle-numbness").getValueBooleanType().getValue()).isFalse();
	}

	@Test
	void contextFactsKeepTheirUnits() {
		QuestionnaireResponse response = response("fm-context");
		response.addItem().setLinkId("sleep-quality").addAnswer().setValue(new Coding(PRO, "sleep-fairly-bad", null));
		response.addItem().setLinkId("exercise-minutes").addAnswer().setValue(new IntegerType(90));
		response.addItem().setLinkId("recent-hip-procedure").addAnswer().setValue(new BooleanType(false));
		response.addItem().setLinkId("pool-access").addAnswer().setValue(new BooleanType(true));
		Map<String, Observation> facts = derived(submit(response));
		assertThat(facts.get("exercise-minutes").getValueQuantity().getValue().intValue()).isEqualTo(90);
		assertThat(facts.get("exercise-minutes").getValueQuantity().getCode()).isEqualTo("min/wk");
		assertThat(facts.get("sleep-quality").getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("sleep-fairly-bad");
		assertThat(facts.get("pool-access").getValueBooleanType().getValue()).isTrue();
	}

	private Map<String, Observation> acr(List<String> painfulAreas, int fatigue, int unrefreshed, int cognitive,
			boolean headaches, boolean abdominal, boolean depression, boolean threeMonths) {
		QuestionnaireResponse response = response("acr-2016-fm");
		QuestionnaireResponseItemComponent wpi = response.addItem().setLinkId("wpi");
		painfulAreas.stream().sorted(java.util.Comparator.comparingInt(WPI_ORDER::indexOf)).forEach(area -> wpi.addItem().setLinkId("wpi-" + area).addAnswer().setValue(new BooleanType(true)));
		QuestionnaireResponseItemComponent sss = response.addItem().setLinkId("sss");
		sss.addItem().setLinkId("sss-fatigue").addAnswer().setValue(new Coding(PRO, "sss-" + fatigue, null));
		sss.addItem().setLinkId("sss-waking-unrefreshed").addAnswer().setValue(new Coding(PRO, "sss-" + unrefreshed, null));
		sss.addItem().setLinkId("sss-cognitive").addAnswer().setValue(new Coding(PRO, "sss-" + cognitive, null));
		sss.addItem().setLinkId("sss-headaches").addAnswer().setValue(new BooleanType(headaches));
		sss.addItem().setLinkId("sss-abdominal").addAnswer().setValue(new BooleanType(abdominal));
		sss.addItem().setLinkId("sss-depression").addAnswer().setValue(new BooleanType(depression));
		response.addItem().setLinkId("symptoms-3-months").addAnswer().setValue(new BooleanType(threeMonths));
		return derived(submit(response));
	}

	private static QuestionnaireResponse response(String instrument) {
		return new QuestionnaireResponse()
				.setQuestionnaire("http://fibroplan.org/fhir/Questionnaire/" + instrument + (instrument.equals("red-flags") || instrument.equals("fm-context") ? "|1.1.0" : "|1.0.0"))
				.setStatus(QuestionnaireResponseStatus.COMPLETED)
				.setSubject(new Reference("Patient/demo-patient"))
				.setAuthored(new Date());
	}

	private IdType submit(QuestionnaireResponse response) {
		return (IdType) client(port(), Tokens.patientToken(port(), "patient")).create().resource(response).execute()
				.getId().toUnqualifiedVersionless();
	}

	/** The Observations derived from a response, by their code. */
	private Map<String, Observation> derived(IdType response) {
		Bundle found = fhir().search().byUrl("Observation?derived-from=" + response.getValue() + "&_count=100")
				.returnBundle(Bundle.class).execute();
		return found.getEntry().stream().map(e -> (Observation) e.getResource())
				.collect(java.util.stream.Collectors.toMap(o -> o.getCode().getCodingFirstRep().getCode(), o -> o));
	}

	private static int value(Map<String, Observation> scores, String code) {
		return scores.get(code).getValueIntegerType().getValue();
	}

	private static boolean met(Map<String, Observation> scores) {
		return scores.get("acr-2016-criteria-met").getValueBooleanType().getValue();
	}
}

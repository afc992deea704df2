package org.fibroplan.web.internal.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fibroplan.web.internal.questionnaire.Instruments.LOINC;
import static org.fibroplan.web.internal.questionnaire.Instruments.PRO;
import static org.fibroplan.web.internal.questionnaire.Instruments.SNOMED;
import static org.fibroplan.web.internal.questionnaire.Instruments.fields;
import static org.fibroplan.web.internal.questionnaire.Instruments.questionnaire;
import static org.fibroplan.web.internal.questionnaire.Instruments.with;
import static org.fibroplan.web.internal.questionnaire.Instruments.without;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fibroplan.PackageValidator;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.junit.jupiter.api.Test;

/** A patient sends a questionnaire page: mistakes come back in plain words, a good page becomes a QuestionnaireResponse. */
class QuestionnaireAnswersTest {

	static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");
	static final Map<String, List<String>> PEG = fields("peg-1", "6", "peg-2", "5", "peg-3", "7", "_csrf", "token");
	static final Map<String, List<String>> PAIN = fields("left-hip", "5", "right-hip", "0", "lower-back", "6", "buttock", "0", "worst-overall", "7");

	@Test
	void aPegAnswerOf11IsRefusedWithTheZeroToTenRange() {
		FormAnswers answers = FormAnswers.read(questionnaire("peg"), with(PEG, "peg-1", "11"));

		assertThat(answers.hasErrors()).isTrue();
		assertThat(answers.errors().forItem("peg-1")).contains("Please enter a whole number from 0 to 10.");
		assertThat(answers.errors().linkIds()).containsExactly("peg-1");
		assertThatThrownBy(() -> answers.toResponse("Patient/p1", NOW)).as("no response while there are errors")
				.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void wordsFractionsAndNegativeNumbersAreRefusedTheSameWay() {
		Questionnaire peg = questionnaire("peg");
		for (String typed : new String[] {"six", "6.5", "-1", "99999999999"}) {
			assertThat(FormAnswers.read(peg, with(PEG, "peg-2", typed)).errors().forItem("peg-2"))
					.as(typed).contains("Please enter a whole number from 0 to 10.");
		}
		assertThat(FormAnswers.read(peg, with(PEG, "peg-2", " 4 ")).hasErrors()).as("spaces around a number are fine").isFalse();
	}

	@Test
	void aNumberWithOnlyALowerLimitSaysSo() {
		Map<String, List<String>> context = fields("sleep-quality", PRO + "|sleep-fairly-good", "exercise-minutes", "-30",
				"recent-hip-procedure", "false", "pool-access", "true");

		assertThat(FormAnswers.read(questionnaire("fm-context"), context).errors().forItem("exercise-minutes"))
				.contains("Please enter a whole number from 0 to 2000.");
	}

	@Test
	void anUnansweredRequiredItemIsNamed() {
		FormAnswers answers = FormAnswers.read(questionnaire("peg"), without(PEG, "peg-2"));

		assertThat(answers.errors().linkIds()).containsExactly("peg-2");
		assertThat(answers.errors().forItem("peg-2")).as("left out, not wrong: said first, then what fits")
				.contains("Please answer this question with a whole number from 0 to 10.");
	}

	@Test
	void everyUnansweredQuestionOfAnEmptyPageIsNamedInQuestionnaireOrder() {
		FormAnswers answers = FormAnswers.read(questionnaire("hoos-jr"), Map.of());

		assertThat(answers.errors().linkIds()).containsExactly("hoos-1", "hoos-2", "hoos-3", "hoos-4", "hoos-5", "hoos-6");
		assertThat(answers.errors().forItem("hoos-3")).contains("Please answer this question by choosing one answer.");
		assertThat(FormAnswers.read(questionnaire("red-flags"), Map.of()).errors().forItem("night-pain")).contains("Please answer this question: yes or no.");
	}

	@Test
	void aChoiceThatIsNotOneOfTheOptionsIsRefused() {
		Map<String, List<String>> phq = fields("phq-1", LOINC + "|LA6568-5", "phq-2", LOINC + "|LA9999-9");

		assertThat(FormAnswers.read(questionnaire("phq-2"), phq).errors().forItem("phq-2")).contains("Please choose one of the answers shown.");
	}

	@Test
	void anItemHiddenByEnableWhenIsNotSent() {
		// buttock-side is asked only when buttock pain is above 0; a stale radio value must not travel
		Map<String, List<String>> noButtockPain = with(PAIN, "buttock-side", SNOMED + "|7771000");

		FormAnswers answers = FormAnswers.read(questionnaire("pain-nrs"), noButtockPain);

		assertThat(answers.hasErrors()).isFalse();
		assertThat(answers.toResponse("Patient/p1", NOW).getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId)
				.containsExactly("left-hip", "right-hip", "lower-back", "buttock", "worst-overall");
	}

	@Test
	void anItemEnabledByAnAnswerIsRequiredAndSentInItsPlace() {
		Map<String, List<String>> buttockPain = with(PAIN, "buttock", "4");

		assertThat(FormAnswers.read(questionnaire("pain-nrs"), buttockPain).errors().forItem("buttock-side"))
				.as("required once enabled").contains("Please answer this question by choosing one answer.");

		QuestionnaireResponse response = FormAnswers.read(questionnaire("pain-nrs"), with(buttockPain, "buttock-side", SNOMED + "|7771000"))
				.toResponse("Patient/p1", NOW);
		assertThat(response.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId)
				.containsExactly("left-hip", "right-hip", "lower-back", "buttock", "buttock-side", "worst-overall");
		Coding side = response.getItem().get(4).getAnswerFirstRep().getValueCoding();
		assertThat(side.getSystem()).isEqualTo(SNOMED);
		assertThat(side.getCode()).isEqualTo("7771000");
		assertThat(side.getDisplay()).as("display from the answerOption").isNotBlank();
	}

	@Test
	void aCompletePegFormBecomesAResponseTheServerWouldAccept() {
		QuestionnaireResponse response = FormAnswers.read(questionnaire("peg"), PEG).toResponse("Patient/p1", NOW);

		assertThat(response.getQuestionnaire()).isEqualTo("http://fibroplan.org/fhir/Questionnaire/peg|1.0.0");
		assertThat(response.getStatus()).isEqualTo(QuestionnaireResponseStatus.COMPLETED);
		assertThat(response.getSubject().getReference()).isEqualTo("Patient/p1");
		assertThat(response.getAuthored().toInstant()).isEqualTo(NOW);
		assertThat(response.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId)
				.as("the calculated peg-score is the server's to fill").containsExactly("peg-1", "peg-2", "peg-3");
		assertThat(response.getItem()).allSatisfy(item -> assertThat(item.getAnswerFirstRep().getValue()).isInstanceOf(IntegerType.class));
		assertThat(response.getItem().get(1).getAnswerFirstRep().getValueIntegerType().getValue()).isEqualTo(5);
		assertThat(PackageValidator.errors(response, List.of())).as("the FHIR validator, with the real Questionnaire").isEmpty();
	}

	@Test
	void groupsAreNestedAsInTheQuestionnaireAndChoicesCarryTheirDisplay() {
		Map<String, List<String>> hoos = fields(
				"hoos-6", PRO + "|hoos-none", "hoos-1", PRO + "|hoos-mild", "hoos-2", PRO + "|hoos-moderate",
				"hoos-3", PRO + "|hoos-severe", "hoos-4", PRO + "|hoos-extreme", "hoos-5", PRO + "|hoos-none");

		QuestionnaireResponse response = FormAnswers.read(questionnaire("hoos-jr"), hoos).toResponse("Patient/p1", NOW);

		assertThat(response.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId).containsExactly("pain", "function");
		assertThat(response.getItem().get(1).getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId)
				.as("Questionnaire order, not the order fields arrived").containsExactly("hoos-3", "hoos-4", "hoos-5", "hoos-6");
		Coding stairs = response.getItem().get(0).getItem().get(0).getAnswerFirstRep().getValueCoding();
		assertThat(stairs.getSystem() + "|" + stairs.getCode() + " " + stairs.getDisplay()).isEqualTo(PRO + "|hoos-mild Mild");
		assertThat(PackageValidator.errors(response, List.of())).isEmpty();
	}

	@Test
	void tickedAreasAreYesAndUntickedAreasAreNo() {
		Map<String, List<String>> acr = fields("wpi-left-hip", "true", "wpi-lower-back", "true",
				"sss-fatigue", PRO + "|sss-2", "sss-waking-unrefreshed", PRO + "|sss-1", "sss-cognitive", PRO + "|sss-0",
				"sss-headaches", "true", "sss-abdominal", "false", "sss-depression", "false", "symptoms-3-months", "true");

		QuestionnaireResponse response = FormAnswers.read(questionnaire("acr-2016-fm"), acr).toResponse("Patient/p1", NOW);

		var wpi = response.getItem().get(0);
		assertThat(wpi.getLinkId()).isEqualTo("wpi");
		assertThat(wpi.getItem()).as("all 19 areas, so the required group is answered even with no pain").hasSize(19);
		assertThat(wpi.getItem()).filteredOn(i -> i.getAnswerFirstRep().getValueBooleanType().booleanValue())
				.extracting(QuestionnaireResponseItemComponent::getLinkId).containsExactly("wpi-left-hip", "wpi-lower-back");
		assertThat(response.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId)
				.containsExactly("wpi", "sss", "symptoms-3-months");
		assertThat(response.getItem().get(1).getItem().get(3).getAnswerFirstRep().getValue()).isInstanceOf(BooleanType.class);
		assertThat(PackageValidator.errors(response, List.of())).isEmpty();
	}

	@Test
	void severalTickedChoicesBecomeSeveralAnswersOfOneItem() {
		Map<String, List<String>> context = fields("sleep-quality", PRO + "|sleep-fairly-bad", "exercise-minutes", "90",
				"recent-hip-procedure", "false", "pool-access", "true",
				"preferences", PRO + "|pref-massage", "preferences", PRO + "|pref-yoga-tai-chi");

		QuestionnaireResponse response = FormAnswers.read(questionnaire("fm-context"), context).toResponse("Patient/p1", NOW);

		var preferences = response.getItem().stream().filter(i -> i.getLinkId().equals("preferences")).findFirst().orElseThrow();
		assertThat(preferences.getAnswer()).extracting(a -> a.getValueCoding().getCode()).containsExactly("pref-massage", "pref-yoga-tai-chi");
		assertThat(response.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId)
				.as("no flare triggers ticked: left out").doesNotContain("flare-triggers");
		assertThat(PackageValidator.errors(response, List.of())).isEmpty();
	}

	@Test
	void aDecimalAcceptsADecimalComma() {
		Questionnaire weight = new Questionnaire().setUrl("http://example.org/q").setVersion("1");
		weight.addItem().setLinkId("kg").setText("Weight").setType(Questionnaire.QuestionnaireItemType.DECIMAL).setRequired(true);

		QuestionnaireResponse response = FormAnswers.read(weight, fields("kg", "72,5")).toResponse("Patient/p1", NOW);

		assertThat(((DecimalType) response.getItemFirstRep().getAnswerFirstRep().getValue()).getValue()).isEqualByComparingTo(new BigDecimal("72.5"));
		assertThat(FormAnswers.read(weight, fields("kg", "lots")).errors().forItem("kg")).contains("Please enter a number, for example 2.5.");
	}

	@Test
	void enableBehaviorAnyNeedsOneConditionAndAllNeedsEvery() {
		Questionnaire q = new Questionnaire().setUrl("http://example.org/q").setVersion("1");
		q.addItem().setLinkId("pain").setType(Questionnaire.QuestionnaireItemType.INTEGER);
		q.addItem().setLinkId("worse").setType(Questionnaire.QuestionnaireItemType.BOOLEAN).setRequired(true);
		var followUp = q.addItem().setLinkId("follow-up").setType(Questionnaire.QuestionnaireItemType.STRING);
		followUp.addEnableWhen().setQuestion("pain").setOperator(Questionnaire.QuestionnaireItemOperator.GREATER_OR_EQUAL).setAnswer(new IntegerType(7));
		followUp.addEnableWhen().setQuestion("worse").setOperator(Questionnaire.QuestionnaireItemOperator.EQUAL).setAnswer(new BooleanType(true));
		Map<String, List<String>> onlyPain = fields("pain", "8", "worse", "false", "follow-up", "see GP");

		followUp.setEnableBehavior(Questionnaire.EnableWhenBehavior.ALL);
		assertThat(linkIds(FormAnswers.read(q, onlyPain).toResponse("Patient/p1", NOW))).containsExactly("pain", "worse");

		followUp.setEnableBehavior(Questionnaire.EnableWhenBehavior.ANY);
		assertThat(linkIds(FormAnswers.read(q, onlyPain).toResponse("Patient/p1", NOW))).containsExactly("pain", "worse", "follow-up");
	}

	@Test
	void anItemThatDependsOnAHiddenItemIsHiddenToo() {
		Questionnaire q = new Questionnaire().setUrl("http://example.org/q").setVersion("1");
		q.addItem().setLinkId("a").setType(Questionnaire.QuestionnaireItemType.BOOLEAN).setRequired(true);
		q.addItem().setLinkId("b").setType(Questionnaire.QuestionnaireItemType.BOOLEAN).setRequired(true)
				.addEnableWhen().setQuestion("a").setOperator(Questionnaire.QuestionnaireItemOperator.EQUAL).setAnswer(new BooleanType(true));
		q.addItem().setLinkId("c").setType(Questionnaire.QuestionnaireItemType.STRING).setRequired(true)
				.addEnableWhen().setQuestion("b").setOperator(Questionnaire.QuestionnaireItemOperator.EXISTS).setAnswer(new BooleanType(true));

		FormAnswers answers = FormAnswers.read(q, fields("a", "false", "b", "true"));

		assertThat(answers.hasErrors()).as("c is not required: b, its condition, is itself disabled").isFalse();
		assertThat(linkIds(answers.toResponse("Patient/p1", NOW))).containsExactly("a");
	}

	private static List<String> linkIds(QuestionnaireResponse response) {
		return response.getItem().stream().map(QuestionnaireResponseItemComponent::getLinkId).toList();
	}
}

package org.fibroplan.web.internal.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fibroplan.web.internal.questionnaire.Instruments.PRO;
import static org.fibroplan.web.internal.questionnaire.Instruments.SNOMED;
import static org.fibroplan.web.internal.questionnaire.Instruments.fields;
import static org.fibroplan.web.internal.questionnaire.Instruments.questionnaire;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

/** What the template is given to draw: the items, how to ask each, and the values and errors to show. */
class QuestionnaireFormTest {

	@Test
	void aPegQuestionIsAWholeNumberFrom0To10AndTheScoreIsNotAsked() {
		QuestionnaireForm form = QuestionnaireForm.of(questionnaire("peg"));

		assertThat(form.getItems()).extracting(FormItem::getLinkId).containsExactly("peg-1", "peg-2", "peg-3");
		FormItem pain = form.item("peg-1");
		assertThat(pain.getControl()).isEqualTo("number");
		assertThat(pain.getName()).isEqualTo("peg-1");
		assertThat(pain.getId()).isEqualTo("q-peg-1");
		assertThat(pain.isRequired()).isTrue();
		assertThat(List.of(pain.getMin(), pain.getMax(), pain.getStep(), pain.getInputMode())).containsExactly("0", "10", "1", "numeric");
		assertThat(pain.getValue()).isNull();
		assertThat(pain.isShown()).isTrue();
		assertThat(form.isInvalid()).isFalse();
		assertThat(form.getCanonical()).isEqualTo("http://fibroplan.org/fhir/Questionnaire/peg|1.0.0");
	}

	@Test
	void groupsHoldTheirQuestionsAndChoicesOfferTheirOptions() {
		QuestionnaireForm form = QuestionnaireForm.of(questionnaire("hoos-jr"));

		assertThat(form.getItems()).extracting(FormItem::getControl).containsExactly("group", "group");
		assertThat(form.getItems().get(0).getChildren()).extracting(FormItem::getLinkId).containsExactly("hoos-1", "hoos-2");
		FormItem stairs = form.item("hoos-1");
		assertThat(stairs.getControl()).isEqualTo("radios");
		assertThat(stairs.getOptions()).extracting(FormOption::getLabel).containsExactly("None", "Mild", "Moderate", "Severe", "Extreme");
		assertThat(stairs.getOptions().get(1).getValue()).isEqualTo(PRO + "|hoos-mild");
		assertThat(stairs.getOptions()).extracting(FormOption::getId).doesNotHaveDuplicates().allMatch(id -> id.startsWith("q-hoos-1-"));
	}

	@Test
	void yesNoQuestionsAreTwoRadiosAndOptionalOnesOneTickBox() {
		QuestionnaireForm redFlags = QuestionnaireForm.of(questionnaire("red-flags"));
		assertThat(redFlags.item("night-pain").getControl()).isEqualTo("radios");
		assertThat(redFlags.item("night-pain").getOptions()).extracting(FormOption::getValue).containsExactly("true", "false");

		QuestionnaireForm acr = QuestionnaireForm.of(questionnaire("acr-2016-fm"));
		assertThat(acr.item("wpi-left-hip").getControl()).isEqualTo("checkbox");
		assertThat(acr.item("fm-severity")).as("a calculated, hidden score").isNull();
	}

	@Test
	void tickAnyQuestionsAreCheckboxesAndANumberShowsItsUnit() {
		QuestionnaireForm form = QuestionnaireForm.of(questionnaire("fm-context"));

		assertThat(form.item("preferences").getControl()).isEqualTo("checkboxes");
		assertThat(form.item("exercise-minutes").getHint()).isEqualTo("minutes per week");
		assertThat(form.item("exercise-minutes").getDescribedBy()).isEqualTo("q-exercise-minutes-hint");
	}

	@Test
	void anItemWhoseConditionIsNotMetIsDrawnHiddenWithItsConditionForTheScript() {
		QuestionnaireForm blank = QuestionnaireForm.of(questionnaire("pain-nrs"));

		FormItem side = blank.item("buttock-side");
		assertThat(side.isShown()).isFalse();
		assertThat(side.getEnableWhen()).isEqualTo("[{\"question\":\"buttock\",\"operator\":\">\",\"answer\":\"0\",\"numeric\":true}]");
		assertThat(side.getEnableBehavior()).isEqualTo("all");
		assertThat(blank.item("buttock").getEnableWhen()).isNull();

		QuestionnaireForm buttockHurts = QuestionnaireForm.of(questionnaire("pain-nrs"), fields("buttock", "3"), ItemErrors.none());
		assertThat(buttockHurts.item("buttock-side").isShown()).isTrue();
	}

	@Test
	void earlierAnswersAreFilledIn() {
		QuestionnaireResponse earlier = new QuestionnaireResponse();
		earlier.addItem().setLinkId("buttock").addAnswer().setValue(new IntegerType(4));
		earlier.addItem().setLinkId("buttock-side").addAnswer().setValue(new Coding(SNOMED, "24028007", "Right"));

		QuestionnaireForm form = QuestionnaireForm.of(questionnaire("pain-nrs"), earlier);

		assertThat(form.item("buttock").getValue()).isEqualTo("4");
		assertThat(form.item("buttock-side").getOptions()).filteredOn(FormOption::isSelected).extracting(FormOption::getLabel).containsExactly("Right");
	}

	@Test
	void aRefusedPageComesBackWithWhatWasTypedAndWhatToFix() {
		Map<String, List<String>> typed = fields("peg-1", "eleven", "peg-3", "4");
		FormAnswers answers = FormAnswers.read(questionnaire("peg"), typed);

		QuestionnaireForm form = QuestionnaireForm.of(questionnaire("peg"), typed, answers.errors());

		assertThat(form.item("peg-1").getValue()).as("what the patient typed, to correct").isEqualTo("eleven");
		assertThat(form.item("peg-1").getError()).isEqualTo("Please enter a whole number from 0 to 10.");
		assertThat(form.item("peg-1").getDescribedBy()).isEqualTo("q-peg-1-error");
		assertThat(form.item("peg-3").isInvalid()).isFalse();
		assertThat(form.item("peg-2").getError()).as("a question left out is asked for, not called wrong")
				.isEqualTo("Please answer this question with a whole number from 0 to 10.");
		assertThat(form.getItemErrors()).extracting(FormError::getTarget).containsExactly("q-peg-1", "q-peg-2");
		assertThat(form.isInvalid()).isTrue();
	}

	@Test
	void anErrorForAChoiceLinksToItsFirstOption() {
		FormAnswers answers = FormAnswers.read(questionnaire("gad-2"), fields("gad-1", "http://loinc.org|LA6568-5"));

		QuestionnaireForm form = QuestionnaireForm.of(questionnaire("gad-2"), fields("gad-1", "http://loinc.org|LA6568-5"), answers.errors());

		assertThat(form.getItemErrors()).singleElement().satisfies(e -> {
			assertThat(e.getTarget()).isEqualTo("q-gad-2-0");
			assertThat(e.getQuestion()).isEqualTo("Not being able to stop or control worrying");
		});
	}
}

package org.fibroplan.web.internal.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fibroplan.web.internal.questionnaire.Instruments.fields;
import static org.fibroplan.web.internal.questionnaire.Instruments.questionnaire;

import java.time.Instant;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** The server refused the answers with a 422: each of its issues is shown next to the item it is about. */
class QuestionnaireServerErrorsTest {

	@Test
	void theServersOutcomeForItemPeg2IsShownNextToPeg2() {
		// as ResponseValidationInterceptor writes it: linkId in details.text, "Item 'x': ..." in diagnostics
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue(issue("peg-2", "Item 'peg-2': value 11 is above the maximum 10", "QuestionnaireResponse.item[1]"));

		ItemErrors errors = ItemErrors.fromOutcome(outcome);
		QuestionnaireForm form = QuestionnaireForm.of(questionnaire("peg"), fields("peg-1", "6", "peg-2", "11", "peg-3", "7"), errors);

		assertThat(errors.forItem("peg-2")).contains("value 11 is above the maximum 10");
		assertThat(form.item("peg-2").getError()).isEqualTo("value 11 is above the maximum 10");
		assertThat(form.item("peg-1").isInvalid()).isFalse();
		assertThat(form.getFormErrors()).isEmpty();
	}

	@Test
	void anIssueWithoutALinkIdIsAboutTheWholeForm() {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue(issue(null, "authored is in the future", "QuestionnaireResponse.authored"));

		ItemErrors errors = ItemErrors.fromOutcome(outcome);

		assertThat(errors.linkIds()).isEmpty();
		assertThat(errors.formLevel()).containsExactly("authored is in the future");
		assertThat(QuestionnaireForm.of(questionnaire("peg"), fields(), errors).getFormErrors()).containsExactly("authored is in the future");
	}

	@Test
	void anIssueNamingOnlyAnItemsPlaceIsTracedThroughTheSentResponse() {
		QuestionnaireResponse sent = FormAnswers.read(questionnaire("hoos-jr"), fields(
				"hoos-1", "http://fibroplan.org/fhir/CodeSystem/pro|hoos-mild", "hoos-2", "http://fibroplan.org/fhir/CodeSystem/pro|hoos-mild",
				"hoos-3", "http://fibroplan.org/fhir/CodeSystem/pro|hoos-mild", "hoos-4", "http://fibroplan.org/fhir/CodeSystem/pro|hoos-mild",
				"hoos-5", "http://fibroplan.org/fhir/CodeSystem/pro|hoos-mild", "hoos-6", "http://fibroplan.org/fhir/CodeSystem/pro|hoos-mild"))
				.toResponse("Patient/p1", Instant.parse("2026-03-02T09:15:00Z"));
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue(issue(null, "The code is not valid", "QuestionnaireResponse.item[1].item[2].answer[0].value.ofType(Coding)"));

		ItemErrors errors = ItemErrors.fromOutcome(outcome, sent);

		assertThat(errors.forItem("hoos-5")).contains("The code is not valid");
		assertThat(errors.formLevel()).isEmpty();
	}

	@Test
	void anErrorForAnItemNotOnThePageIsStillShown() {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue(issue("peg-score", "Item 'peg-score': answer is not allowed", "QuestionnaireResponse.item[3]"));
		outcome.addIssue(issue("peg-1", "Item 'peg-1': not allowed", "QuestionnaireResponse.item[0]").setSeverity(IssueSeverity.WARNING));

		QuestionnaireForm form = QuestionnaireForm.of(questionnaire("peg"), fields(), ItemErrors.fromOutcome(outcome));

		assertThat(form.getFormErrors()).containsExactly("PEG score (mean of the three answers): answer is not allowed");
		assertThat(form.item("peg-1").isInvalid()).as("warnings are not errors").isFalse();
	}

	private static OperationOutcome.OperationOutcomeIssueComponent issue(String linkId, String diagnostics, String location) {
		var issue = new OperationOutcome.OperationOutcomeIssueComponent()
				.setSeverity(IssueSeverity.ERROR).setCode(IssueType.INVALID).setDiagnostics(diagnostics);
		issue.addExpression(location);
		issue.getLocation().add(new StringType(location));
		if (linkId != null) {
			issue.getDetails().setText(linkId);
		}
		return issue;
	}
}

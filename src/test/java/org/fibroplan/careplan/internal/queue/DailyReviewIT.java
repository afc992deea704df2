package org.fibroplan.careplan.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Follow-ups fall due with time alone: the daily review finds them without any answer or request. */
class DailyReviewIT extends FhirIntegrationTest {

	@Autowired
	private DailyReview daily;

	@Autowired
	private ReviewQueue queue;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	void aPlanApprovedTodayIsDueForFollowUpTwelveWeeksLaterWithoutAnyAnswer() {
		String patient = newPatient("Daily").getIdPart();
		fhir().create().resource(peg(patient)).execute();
		CarePlan draft = (CarePlan) fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=draft").returnBundle(Bundle.class)
				.execute().getEntryFirstRep().getResource();
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		client(port(), Tokens.clinicianToken(port())).update().resource(draft).withId(draft.getIdElement()).execute();
		assertThat(open(patient)).isEmpty();

		assertThat(daily.reviewAll(Instant.now())).as("patients with an active plan looked at").isPositive();
		assertThat(open(patient)).as("nothing is due yet").isEmpty();

		Instant later = Instant.now().plus(12 * 7 + 1, ChronoUnit.DAYS);
		new TransactionTemplate(transactions).executeWithoutResult(status -> queue.review(patient, later));
		List<Task> open = open(patient);
		assertThat(open).hasSize(1);
		assertThat(open.get(0).getReasonCode().getCoding()).extracting(Coding::getCode).contains("follow-up-due", "answers-overdue");
	}

	private List<Task> open(String patient) {
		return fhir().search().byUrl("Task?code=http://fibroplan.org/fhir/CodeSystem/plan-event|clinician-review&status=requested&patient=Patient/" + patient)
				.returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Task) e.getResource()).toList();
	}

	private static QuestionnaireResponse peg(String patient) {
		return org.fibroplan.careplan.Answers.peg(patient, 6, 6, 6);
	}
}

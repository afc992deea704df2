package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;

/**
 * Night pain on the red-flag check holds the plan, and a clinician approves it so: the patient's page puts
 * what to do now first in "this week", with the clinic's number to call, and offers no exercise to start;
 * the printed plan says what to do, why, and the number to call.
 */
class PlanOnHoldPatientPageIT extends FhirIntegrationTest {

	/** A test user of its own (application-test.yml): no other test sees its plan. */
	private static final String PATIENT = "demo-patient-held";

	@Test
	void aPlanOnHoldPutsWhatToDoNowFirstWithTheClinicsNumberAndNoExercise() {
		IGenericClient clinician = client(port(), Tokens.clinicianToken(port()));
		fhir().create().resource(Answers.painNrs(PATIENT, 0, 0, 7, 7)).execute();
		fhir().create().resource(Answers.peg(PATIENT, 7, 6, 7)).execute();
		fhir().create().resource(Answers.redFlags(PATIENT, "night-pain")).execute();
		CarePlan draft = (CarePlan) fhir().search().byUrl("CarePlan?subject=Patient/" + PATIENT + "&status=draft").returnBundle(Bundle.class)
				.execute().getEntryFirstRep().getResource();
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician.update().resource(draft).withId(draft.getIdElement()).execute();

		PageSession session = new PageSession(port());
		HttpResponse<String> home = session.signInAndOpen("/app/patient", "patient-held", "patient-held");
		assertThat(home.statusCode()).isEqualTo(200);
		String page = home.body();
		String week = page.substring(page.indexOf("id=\"this-week\""), page.indexOf("</section>", page.indexOf("id=\"this-week\"")));
		assertThat(week).as("what to do now comes first").containsPattern("<li class=\"week-item week-now\" data-kind=\"now\">\\s*<h3>Contact your clinic today</h3>");
		assertThat(week).contains("href=\"tel:02079460123\"", "Call FibroPlan Demo Pain Clinic on 020 7946 0123");
		assertThat(week).as("no exercise to start while the plan is on hold").doesNotContain("data-kind=\"activity\"");
		assertThat(page).contains("id=\"what-to-do-now\"", "Your plan is on hold until a clinician has talked with you");

		String printed = session.get("/app/patient/plan").body();
		assertThat(printed).as("on paper too: what to do, why, and the number to call").contains("id=\"what-to-do-now\"",
				"Your plan is on hold until a clinician has talked with you", "You answered yes to: Night pain", "<a href=\"tel:02079460123\">020 7946 0123</a>");
	}
}

package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.util.Date;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;

/**
 * After approval the pages show the baseline approval fixed, and once a new PEG meets the goal, the
 * clinician's patient page and the patient's own page both say it was achieved, in plain words.
 */
class GoalProgressPagesIT extends FhirIntegrationTest {

	/** A test user of its own (application-test.yml): no other test sees its plan. */
	private static final String PATIENT = "demo-patient-goals";

	@Test
	void aPegFallingFromEightToThreePointSixSevenShowsTheFunctionGoalAchievedToClinicianAndPatient() {
		IGenericClient clinician = client(port(), Tokens.clinicianToken(port()));
		fhir().create().resource(Answers.painNrs(PATIENT, 0, 0, 6, 6)).execute();
		fhir().create().resource(Answers.peg(PATIENT, 8, 8, 8)).execute();
		CarePlan draft = (CarePlan) fhir().search().byUrl("CarePlan?subject=Patient/" + PATIENT + "&status=draft").returnBundle(Bundle.class)
				.execute().getEntryFirstRep().getResource();
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician.update().resource(draft).withId(draft.getIdElement()).execute();

		String approved = new PageSession(port()).signInAndOpen("/app/patients/" + PATIENT, "clinician", "clinician").body();
		assertThat(approved).as("right after approval the baseline is shown").containsPattern("baseline <strong>8(\\.00)?</strong>");

		// answered now, so it is later than the answers above (which Answers dates a minute back)
		fhir().create().resource(Answers.peg(PATIENT, 4, 4, 3).setAuthored(new Date())).execute();

		String clinicianPage = new PageSession(port()).signInAndOpen("/app/patients/" + PATIENT, "clinician", "clinician").body();
		assertThat(clinicianPage).contains("id=\"active-goals\"").contains("data-achievement=\"achieved\"")
				.containsPattern("baseline <strong>8(\\.00)?</strong>");
		HttpResponse<String> home = new PageSession(port()).signInAndOpen("/app/patient", "patient-goals", "patient-goals");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("id=\"my-goals\"").contains("achieved — well done");
	}
}

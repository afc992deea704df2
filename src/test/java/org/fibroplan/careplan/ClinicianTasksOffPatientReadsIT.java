package org.fibroplan.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Narrative;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A positive mood screen gives the clinician a task (assess mood further, ask about safety). The patient
 * reads their approved plan in their own app without it — by read, by search and by history — and the plan
 * says something was withheld, even for a plan an earlier release stored with the task in its text; the
 * clinician and the EHR's system client read it whole.
 */
class ClinicianTasksOffPatientReadsIT extends FhirIntegrationTest {

	/** A test user of its own (application-test.yml): no other test sees its plan. */
	private static final String PATIENT = "demo-patient-tasks";

	@Autowired
	DaoRegistry daos;

	@Test
	void aPatientsAppReadsTheApprovedPlanWithoutTheClinicianTaskAndIsToldSomethingWasWithheld() {
		IGenericClient clinician = client(port(), Tokens.clinicianToken(port()));
		fhir().create().resource(Answers.painNrs(PATIENT, 0, 0, 5, 5)).execute();
		fhir().create().resource(Answers.phq2(PATIENT, 2, 2)).execute();
		CarePlan draft = plans(fhir(), "draft").get(0);
		assertThat(codes(draft)).as("the draft after a positive mood screen").contains("mood-assessment", "cbt");
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician.update().resource(draft).withId(draft.getIdElement()).execute();

		IGenericClient app = client(port(), Tokens.patientToken(port(), "patient-tasks"));
		CarePlan searched = plans(app, "active").get(0);
		CarePlan read = app.read().resource(CarePlan.class).withId(searched.getIdElement().toVersionless()).execute();
		for (CarePlan shown : List.of(searched, read)) {
			assertThat(codes(shown)).as("what the patient's app reads").contains("cbt").doesNotContain("mood-assessment");
			assertThat(shown.getMeta().getSecurity()).extracting(Coding::getCode).contains("REDACTED");
		}

		// a plan stored by an earlier release, whose generated narrative still held the task, reads without it
		CarePlan legacy = plans(fhir(), "active").get(0);
		legacy.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDivAsString(
				"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Clinician: assess mood further and ask about safety.</p></div>");
		daos.getResourceDao(CarePlan.class).update(legacy, new SystemRequestDetails());
		assertThat(plans(fhir(), "active").get(0).getText().getDivAsString()).as("stored as an earlier release wrote it").contains("assess mood further");
		assertThat(plans(app, "active").get(0).getText().getDivAsString()).as("what the patient's app reads")
				.doesNotContain("assess mood further").contains("Cognitive behavioural therapy");

		assertThat(codes(plans(clinician, "active").get(0))).as("the clinician's read").contains("mood-assessment");
		CarePlan forEhr = plans(fhir(), "active").get(0);
		assertThat(codes(forEhr)).as("the system client's read").contains("mood-assessment");
		assertThat(forEhr.getMeta().getSecurity()).extracting(Coding::getCode).doesNotContain("REDACTED");
	}

	private static List<CarePlan> plans(IGenericClient client, String status) {
		return client.search().byUrl("CarePlan?subject=Patient/" + PATIENT + "&status=" + status).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (CarePlan) e.getResource()).toList();
	}

	private static List<String> codes(CarePlan plan) {
		return CarePlanStories.activities(plan);
	}
}

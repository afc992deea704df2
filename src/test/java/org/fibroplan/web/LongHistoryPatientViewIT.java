package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.util.Date;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * A patient who has answered for years: the patient view reads a bounded number of their newest scores, and
 * the baseline fixed at approval, long since scrolled out of that window, is still shown on the page and on
 * its site's chart.
 */
class LongHistoryPatientViewIT extends FhirIntegrationTest {

	private static final String LOW_BACK = "37822005";
	/** The newest 200 Observations; the baseline, older than all of them, is read by id and drawn too (201 points). */
	private static final int RECENT_READ = 200;

	@Test
	void theBaselineFromLongAgoStillShowsAfterMoreScoresThanTheViewReads() {
		IGenericClient clinician = client(port(), Tokens.clinicianToken(port()));
		String patient = fhir().create().resource(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Longhistory")))
				.execute().getId().getIdPart();
		fhir().create().resource(Answers.painNrs(patient, 0, 0, 6, 6)).execute();
		fhir().create().resource(Answers.peg(patient, 8, 8, 8)).execute();
		CarePlan draft = (CarePlan) fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=draft").returnBundle(Bundle.class)
				.execute().getEntryFirstRep().getResource();
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician.update().resource(draft).withId(draft.getIdElement()).execute();

		Bundle later = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Instant start = Instant.now().plusSeconds(60);
		for (int i = 0; i < 210; i++) {
			Observation score = new Observation().setStatus(Observation.ObservationStatus.FINAL)
					.setCode(new CodeableConcept(new Coding("http://loinc.org", "72514-3", null)))
					.setSubject(new Reference("Patient/" + patient))
					.setEffective(new DateTimeType(Date.from(start.plusSeconds(i))))
					.setValue(new IntegerType(5))
					.setBodySite(new CodeableConcept(new Coding("http://snomed.info/sct", LOW_BACK, "Lower back structure")));
			later.addEntry().setResource(score).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		fhir().transaction().withBundle(later).execute();

		String page = new PageSession(port()).signInAndOpen("/app/patients/" + new IdType(patient).getIdPart(), "clinician", "clinician").body();
		assertThat(page).as("the PEG baseline fixed at approval").containsPattern("baseline <strong>8(\\.00)?</strong>");
		assertThat(page).as("the site's chart keeps its baseline though the baseline score is older than the scores read")
				.contains("Lower back pain: " + (RECENT_READ + 1) + " scores, latest 5 of 10, baseline 6");
	}
}

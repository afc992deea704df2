package org.fibroplan.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A plan's history as the workspace reads it: every version with what happened, who did it and the answers
 * behind it, a page at a time however long the history grows, and the difference between any two versions.
 */
class PlanHistoryIT extends FhirIntegrationTest {

	@Autowired
	PlanHistory history;

	@Test
	void eachVersionSaysWhatHappenedWhoDidItAndWhichAnswersAndOldVersionsComeAPageAtATime() {
		String patient = fhir().create().resource(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("History").addGiven("Hal")))
				.execute().getId().getIdPart();
		fhir().create().resource(Answers.painNrs(patient, 6, 0, 0, 6)).execute();
		fhir().create().resource(Answers.peg(patient, 7, 7, 8)).execute();
		IGenericClient clinician = client(port(), Tokens.clinicianToken(port()));
		CarePlan draft = draft(patient);
		String planId = draft.getIdElement().getIdPart();
		// a clinician's notes: each a version of the plan, more than a page of them
		for (int i = 1; i <= PlanHistory.PAGE + 3; i++) {
			draft.addNote().setText("Phone call " + i);
			draft = (CarePlan) clinician.update().resource(draft).withId(draft.getIdElement().toUnqualifiedVersionless()).execute().getResource();
			if (draft == null) {
				draft = draft(patient);
			}
		}

		PlanHistory.Page newest = history.load(clinician, patient, planId, null);
		assertThat(newest.patientName()).isEqualTo("Hal History");
		assertThat(newest.versions()).hasSize(PlanHistory.PAGE);
		PlanHistory.Version latest = newest.versions().get(0);
		assertThat(latest.event()).isEqualTo("Edited by a clinician");
		assertThat(latest.who()).isEqualTo("Dana Demo");
		assertThat(latest.changes()).isEqualTo("a note added");
		assertThat(newest.olderThan()).isNotNull();

		PlanHistory.Page older = history.load(clinician, patient, planId, Instant.parse(newest.olderThan()));
		assertThat(older.versions()).extracting(PlanHistory.Version::version)
				.as("the next page starts just below the first").first().isEqualTo(String.valueOf(Integer.parseInt(newest.versions().get(PlanHistory.PAGE - 1).version()) - 1));
		assertThat(older.olderThan()).as("the last page").isNull();
		PlanHistory.Version first = older.versions().get(older.versions().size() - 1);
		assertThat(first.version()).isEqualTo("1");
		assertThat(first.event()).isEqualTo("Drafted by the rules");
		assertThat(first.who()).isEqualTo("FibroPlan care-plan rules");
		assertThat(first.because()).as("the answers the first draft came from, in words").anyMatch(a -> a.contains("Left hip") && a.contains("6"));
		assertThat(first.changes()).isEqualTo("the first version");
		PlanHistory.Version revised = older.versions().get(older.versions().size() - 2);
		assertThat(revised.event()).isEqualTo("Revised by the rules after new answers");
		assertThat(revised.because()).anyMatch(a -> a.startsWith("PEG"));

		PlanHistory.Comparison comparison = history.compare(clinician, patient, planId, "1", latest.version());
		assertThat(comparison.difference().notesAdded()).hasSize(PlanHistory.PAGE + 3).contains("Phone call 1");
		assertThat(comparison.difference().statusChange()).isEqualTo("still draft");
	}

	private CarePlan draft(String patient) {
		return (CarePlan) fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=draft").returnBundle(Bundle.class).execute()
				.getEntryFirstRep().getResource();
	}
}

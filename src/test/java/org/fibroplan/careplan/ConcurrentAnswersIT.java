package org.fibroplan.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fibroplan.FhirIntegrationTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;

/**
 * Weekly follow-ups as they really arrive: the same patient answering the pain scale again, and many
 * patients answering at the same moment. Every answer is stored, scored and reflected in one draft each
 * (these once failed inside HAPI's shared tag-definition cache; see SessionSafeTagCache).
 */
class ConcurrentAnswersIT extends FhirIntegrationTest {

	@Test
	void aPatientAnsweringThePainScaleAgainGetsTheNewScoresAndOneRevisedDraft() {
		String patient = newPatient("Weekly").getIdPart();
		fhir().create().resource(Answers.painNrs(patient, 0, 6, 0, 6)).execute();
		int scoresAfterFirst = observations(patient);
		fhir().create().resource(Answers.painNrs(patient, 0, 4, 0, 4)).execute();

		assertThat(scoresAfterFirst).isPositive();
		assertThat(observations(patient)).isEqualTo(2 * scoresAfterFirst);
		assertThat(drafts(patient)).hasSize(1);
	}

	@Test
	void manyPatientsAnsweringAtOnceAreAllStoredWithADraftEach() throws Exception {
		List<String> patients = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			patients.add(newPatient("Crowd").getIdPart());
		}
		ExecutorService clients = Executors.newFixedThreadPool(8);
		List<Future<?>> answers = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			for (String patient : patients) {
				int pain = 3 + patients.indexOf(patient) % 6;
				answers.add(clients.submit(() -> fhir().create().resource(Answers.painNrs(patient, pain, 0, pain, pain)).execute()));
				answers.add(clients.submit(() -> fhir().create().resource(Answers.peg(patient, pain, pain, pain)).execute()));
			}
		}
		for (Future<?> answer : answers) {
			answer.get(); // an answer refused with a 500 fails here
		}
		clients.shutdown();
		for (String patient : patients) {
			assertThat(drafts(patient)).as("drafts of Patient/" + patient).hasSize(1);
		}
	}

	private int observations(String patient) {
		return fhir().search().byUrl("Observation?subject=Patient/" + patient + "&_count=200").returnBundle(Bundle.class).execute()
				.getEntry().size();
	}

	private List<CarePlan> drafts(String patient) {
		return fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=draft").returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (CarePlan) e.getResource()).toList();
	}

}

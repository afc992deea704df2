package org.fibroplan.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.util.List;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Every access over the API leaves an audit record naming the client, the user and the patient. */
class AuditTrailIT extends FhirIntegrationTest {

	@Test
	void aPatientReadingTheirOwnScoreIsRecordedAsAPatientRead() {
		IdType score = weightFor("demo-patient");
		IGenericClient patientApp = client(port(), Tokens.patientToken(port(), "patient"));
		Instant before = Instant.now();

		patientApp.read().resource(Observation.class).withId(score).execute();

		AuditEvent read = recordsSince(before, "read", score).get(0);
		assertThat(read.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PatientRead");
		assertThat(agents(read)).contains("demo-patient-app", "Patient/demo-patient");
		assertThat(entities(read)).contains("Patient/demo-patient");
	}

	@Test
	void aClinicianSearchingAPatientsScoresIsRecordedAsAPatientQuery() {
		weightFor("demo-patient");
		IGenericClient clinicianApp = client(port(), Tokens.clinicianToken(port()));
		Instant before = Instant.now();

		clinicianApp.search().byUrl("Observation?subject=Patient/demo-patient").returnBundle(Bundle.class).execute();

		List<AuditEvent> queries = recordsSince(before, "search-type", null);
		assertThat(queries).anySatisfy(query -> {
			assertThat(query.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PatientQuery");
			assertThat(agents(query)).contains("demo-clinician-app", "Practitioner/demo-clinician");
			assertThat(entities(query)).contains("Patient/demo-patient");
		});
	}

	@Test
	void creatingUpdatingAndDeletingAreEachRecorded() {
		Instant before = Instant.now();
		IdType score = weightFor("demo-patient");
		Observation changed = fhir().read().resource(Observation.class).withId(score).execute();
		changed.setStatus(Observation.ObservationStatus.AMENDED);
		fhir().update().resource(changed).execute();
		fhir().delete().resourceById(score).execute();

		for (String interaction : List.of("create", "update", "delete")) {
			assertThat(recordsSince(before, interaction, score)).as(interaction).singleElement()
					.satisfies(e -> assertThat(agents(e)).contains("demo-system"));
		}
	}

	@Test
	void aRecordOfAccessNeverStopsADelete() {
		Patient patient = new Patient();
		patient.addName().setFamily("ToBeRemoved");
		IdType id = (IdType) fhir().create().resource(patient).execute().getId().toUnqualifiedVersionless();
		fhir().read().resource(Patient.class).withId(id).execute();

		assertThat(fhir().delete().resourceById(id).execute().getOperationOutcome()).isNotNull();
	}

	private IdType weightFor(String patientId) {
		Observation weight = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept().setText("Body weight")).setSubject(new Reference("Patient/" + patientId));
		return (IdType) fhir().create().resource(weight).execute().getId().toUnqualifiedVersionless();
	}

	/** Audit records of one interaction since a moment, optionally only those about one resource. */
	private List<AuditEvent> recordsSince(Instant since, String interaction, IdType about) {
		List<AuditEvent> records = ReadRecords.eventually(() -> search(since, interaction, about), found -> !found.isEmpty());
		assertThat(records).as(interaction + " records since " + since).isNotEmpty();
		return records;
	}

	private List<AuditEvent> search(Instant since, String interaction, IdType about) {
		Bundle found = fhir().search()
				.byUrl("AuditEvent?date=ge" + since.minusSeconds(1) + "&subtype=" + interaction + "&_count=200")
				.returnBundle(Bundle.class).execute();
		return found.getEntry().stream().map(e -> (AuditEvent) e.getResource())
				.filter(e -> about == null || entities(e).stream().anyMatch(w -> w.startsWith(about.getValue() + "/")
						|| w.equals(about.getValue())))
				.toList();
	}

	private static List<String> agents(AuditEvent event) {
		return event.getAgent().stream()
				.map(a -> a.getWho().getIdentifier().getValue())
				.filter(v -> v != null)
				.toList();
	}

	private static List<String> entities(AuditEvent event) {
		return event.getEntity().stream()
				.map(e -> e.getWhat().getReference())
				.filter(v -> v != null)
				.toList();
	}
}

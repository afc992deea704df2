package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A patient's conditional requests and batch reads stay inside their own record: a match URL that
 * names someone else's data finds nothing, never returns it, never counts it. (HAPI then creates the
 * patient's resource only if it satisfies the URL itself; otherwise 400, which depends on nothing but the
 * request.) Batch reads follow the rules of single reads for every caller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompartmentSafeRequestsIT extends FhirIntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String BODY_WEIGHT = "http://loinc.org|29463-7";

	private final HttpClient http = HttpClient.newHttpClient();
	private String patientA;
	private IdType othersObservation;
	private IdType othersResponse;
	private String othersMarker;

	@BeforeAll
	void someoneElsesRecord() {
		patientA = Tokens.patientToken(port(), "patient");
		othersMarker = UUID.randomUUID().toString();
		// two of patient B's weights with the same code, so a leaking match would be "several" (412)
		othersObservation = create(observation("demo-patient-b", othersMarker));
		create(observation("demo-patient-b", othersMarker));
		othersResponse = create(new QuestionnaireResponse()
				.setQuestionnaire("http://fibroplan.org/fhir/Questionnaire/peg|1.0.0")
				.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS)
				.setSubject(new Reference("Patient/demo-patient-b")));
	}

	@Test
	void aConditionalCreateNamingAnotherPatientsIdNeverReturnsTheirResource() throws Exception {
		String marker = UUID.randomUUID().toString();
		HttpResponse<String> response = post("Observation", observation("demo-patient", marker), "_id=" + othersObservation.getIdPart());

		assertNoMatchOutsideTheCallersRecord(response);
		assertThat(fhir().search().byUrl("Observation?identifier=urn:fibroplan:test|" + marker).returnBundle(Bundle.class).execute()
				.getEntry()).as("nothing half-stored").isEmpty();
	}

	/** The match ran in the caller's compartment only: no 200 with someone else's data, no 412 counting it. */
	private void assertNoMatchOutsideTheCallersRecord(HttpResponse<String> response) {
		// 400 (HAPI: the created resource would not satisfy its own If-None-Exist) or 412 (the same, inside a transaction)
		assertThat(response.statusCode()).as(response.statusCode() + " " + response.body()).isIn(400, 412);
		assertThat(response.body()).as("a refusal about the request itself, not a resource found")
				.startsWith("{\"resourceType\":\"OperationOutcome\"").contains("conditional URL")
				.doesNotContain("\"resourceType\":\"Observation\"").doesNotContain("\"resourceType\":\"QuestionnaireResponse\"")
				.doesNotContain("Multiple resources match");
	}

	@Test
	void aConditionalCreateSearchingAnotherPatientsScoresNeitherReturnsNorCountsThem() throws Exception {
		HttpResponse<String> bySubject = post("Observation", observation("demo-patient", UUID.randomUUID().toString()),
				"subject=Patient/demo-patient-b&identifier=urn:fibroplan:test|" + othersMarker);
		HttpResponse<String> byCode = post("Observation", observation("demo-patient", UUID.randomUUID().toString()),
				"subject=Patient/demo-patient-b&code=" + BODY_WEIGHT);

		assertNoMatchOutsideTheCallersRecord(bySubject);
		assertNoMatchOutsideTheCallersRecord(byCode);
	}

	@Test
	void aConditionalCreateNamingAnotherPatientAsThePatientParameterIsRefused() throws Exception {
		HttpResponse<String> response = post("Observation", observation("demo-patient", UUID.randomUUID().toString()),
				"patient=Patient/demo-patient-b");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.body()).contains("OperationOutcome").doesNotContain(othersObservation.getIdPart());
	}

	@Test
	void aConditionalCreateOfAQuestionnaireResponseStaysInTheCallersRecord() throws Exception {
		QuestionnaireResponse own = new QuestionnaireResponse()
				.setQuestionnaire("http://fibroplan.org/fhir/Questionnaire/peg|1.0.0")
				.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS)
				.setSubject(new Reference("Patient/demo-patient"));
		HttpResponse<String> response = post("QuestionnaireResponse", own, "_id=" + othersResponse.getIdPart());

		assertNoMatchOutsideTheCallersRecord(response);
	}

	@Test
	void aPatientsOwnRetryStillFindsTheirOwnResource() throws Exception {
		String marker = UUID.randomUUID().toString();
		HttpResponse<String> first = post("Observation", observation("demo-patient", marker), "identifier=urn:fibroplan:test|" + marker);
		HttpResponse<String> retry = post("Observation", observation("demo-patient", marker), "identifier=urn:fibroplan:test|" + marker);

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
		assertThat(FHIR.newJsonParser().parseResource(Observation.class, retry.body()).getIdElement().getIdPart())
				.isEqualTo(FHIR.newJsonParser().parseResource(Observation.class, first.body()).getIdElement().getIdPart());
	}

	@Test
	void conditionalUpdatesAndDeletesAreNotForPatientApps() throws Exception {
		HttpResponse<String> update = send(HttpRequest.newBuilder(uri("Observation?_id=" + othersObservation.getIdPart()))
				.PUT(HttpRequest.BodyPublishers.ofString(json(observation("demo-patient", UUID.randomUUID().toString())))), patientA);
		HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("Observation?identifier=urn:fibroplan:test|" + othersMarker))
				.DELETE(), patientA);

		assertThat(update.statusCode()).as(update.body()).isEqualTo(403);
		assertThat(delete.statusCode()).as(delete.body()).isEqualTo(403);
		assertThat(fhir().read().resource(Observation.class).withId(othersObservation).execute().getSubject().getReference())
				.as("the other patient's score is untouched").isEqualTo("Patient/demo-patient-b");
	}

	@Test
	void aConditionalCreateInsideATransactionIsNarrowedToo() throws Exception {
		String marker = UUID.randomUUID().toString();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(observation("demo-patient", marker)).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
				.setIfNoneExist("subject=Patient/demo-patient-b&identifier=urn:fibroplan:test|" + othersMarker);

		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(""))
				.POST(HttpRequest.BodyPublishers.ofString(json(transaction))), patientA);

		assertNoMatchOutsideTheCallersRecord(response);
		assertThat(fhir().search().byUrl("Observation?identifier=urn:fibroplan:test|" + marker).returnBundle(Bundle.class).execute()
				.getEntry()).as("nothing of the transaction stored").isEmpty();
	}

	@Test
	void batchReadsFollowTheRulesOfSingleReads() throws Exception {
		IdType own = create(observation("demo-patient", UUID.randomUUID().toString()));
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(own.getValue());
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(othersObservation.getValue());
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation?identifier=urn:fibroplan:test|" + othersMarker);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("AuditEvent?_count=1");

		assertThat(entryStatuses(batch, Tokens.systemToken(port()))).containsExactly("200", "200", "200", "200");
		assertThat(entryStatuses(batch, Tokens.clinicianToken(port()))).containsExactly("200", "200", "200", "200");
		Bundle asPatient = batchAs(batch, patientA);
		assertThat(statuses(asPatient)).containsExactly("200", "403", "200", "403");
		assertThat(((Bundle) asPatient.getEntry().get(2).getResource()).getEntry())
				.as("the patient's search inside a batch is narrowed to their own record").isEmpty();
	}

	private java.util.List<String> entryStatuses(Bundle batch, String token) throws Exception {
		return statuses(batchAs(batch, token));
	}

	private Bundle batchAs(Bundle batch, String token) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("")).POST(HttpRequest.BodyPublishers.ofString(json(batch))), token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
	}

	private static java.util.List<String> statuses(Bundle result) {
		return result.getEntry().stream().map(e -> e.getResponse().getStatus().substring(0, 3)).toList();
	}

	private HttpResponse<String> post(String type, Resource resource, String ifNoneExist) throws Exception {
		return send(HttpRequest.newBuilder(uri(type)).header("If-None-Exist", ifNoneExist)
				.header("Prefer", "return=representation")
				.POST(HttpRequest.BodyPublishers.ofString(json(resource))), patientA);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
		return http.send(request.header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
				.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create(Tokens.base(port()) + "/fhir/" + path.replace("|", "%7C"));
	}

	private IdType create(Resource resource) {
		return (IdType) fhir().create().resource(resource).execute().getId().toUnqualifiedVersionless();
	}

	private static String json(Resource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	private static Observation observation(String patient, String marker) {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept(new org.hl7.fhir.r4.model.Coding("http://loinc.org", "29463-7", "Body weight")))
				.setSubject(new Reference("Patient/" + patient));
		observation.addIdentifier().setSystem("urn:fibroplan:test").setValue(marker);
		return observation;
	}
}

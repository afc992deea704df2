package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import testsupport.keycloak.Keycloak;
import testsupport.keycloak.KeycloakTokens;
import testsupport.keycloak.PagesSignIn;
import testsupport.keycloak.ProdFibroPlan;

/**
 * FibroPlan in the prod profile behind a real Keycloak 26 with the realm export of docker/keycloak: the
 * demo users sign in on Keycloak's login page, the demo system client uses client credentials, and
 * FibroPlan's SMART rules work from Keycloak's tokens (scope string, patient, fhirUser, roles, aud).
 * Extends the shared test server only to have a token from another issuer to refuse.
 */
@ExtendWith(testsupport.keycloak.RequiresKeycloak.class)
class KeycloakIdentityIT extends FhirIntegrationTest {

	/** The FHIR ids the realm's demo users carry in their fhirUser and patient attributes. */
	static final String DEMO_PATIENT = "demo-patient";

	static final List<String> PRACTITIONERS = List.of("demo-clinician", "demo-author");

	final HttpClient http = HttpClient.newHttpClient();

	/** Prod has no demo data: the system client puts the demo users' FHIR selves in place (idempotent). */
	@BeforeAll
	static void demoUsersFhirSelves() {
		IGenericClient system = prod(KeycloakTokens.systemToken());
		system.update().resource(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Demo")).setId("Patient/" + DEMO_PATIENT))
				.execute();
		PRACTITIONERS.forEach(id -> system.update()
				.resource(new Practitioner().addName(new org.hl7.fhir.r4.model.HumanName().setFamily(id)).setId("Practitioner/" + id)).execute());
	}

	@Test
	void aPatientSignedInThroughKeycloakAnswersAndReadsOnlyTheirOwnRecords() {
		String token = KeycloakTokens.patientToken();
		assertThat(KeycloakTokens.claims(token).path("patient").asText()).isEqualTo(DEMO_PATIENT);
		assertThat(KeycloakTokens.claims(token).path("fhirUser").asText()).isEqualTo("Patient/" + DEMO_PATIENT);
		String other = newPatient();
		IGenericClient app = prod(token);

		assertThat(app.create().resource(Answers.painNrs(DEMO_PATIENT, 6, 2, 7, 7)).execute().getCreated()).isTrue();
		assertThat(app.read().resource(Patient.class).withId(DEMO_PATIENT).execute().getIdElement().getIdPart()).isEqualTo(DEMO_PATIENT);
		Bundle own = app.search().byUrl("Observation?patient=Patient/" + DEMO_PATIENT).returnBundle(Bundle.class).execute();
		assertThat(own.getEntry()).as("the scores derived from the answer").isNotEmpty()
				.allSatisfy(e -> assertThat(((Observation) e.getResource()).getSubject().getReference()).endsWith("Patient/" + DEMO_PATIENT));

		assertThatThrownBy(() -> app.read().resource(Patient.class).withId(other).execute()).isInstanceOf(ForbiddenOperationException.class);
		assertThatThrownBy(() -> app.search().byUrl("Observation?patient=Patient/" + other).returnBundle(Bundle.class).execute())
				.isInstanceOf(ForbiddenOperationException.class);
		assertThatThrownBy(() -> app.create().resource(Answers.painNrs(other, 1, 1, 1, 1)).execute())
				.as("answers for somebody else").isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void aPatientSigningInThroughTheClinicianAppGetsNoClinicianScope() {
		String token = KeycloakTokens.authorizationCode("demo-clinician-app", KeycloakTokens.CLINICIAN_APP_SCOPES, "patient", "patient")
				.path("access_token").asText();

		assertThat(KeycloakTokens.claims(token).path("scope").asText()).doesNotContain("user/");
		assertThatThrownBy(() -> prod(token).read().resource(Patient.class).withId(newPatient()).execute())
				.isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void aClinicianSignedInThroughKeycloakApprovesADraftPlan() {
		String patient = newPatient();
		prod(KeycloakTokens.systemToken()).create().resource(Answers.painNrs(patient, 6, 2, 7, 7)).execute();
		IGenericClient clinician = prod(KeycloakTokens.clinicianToken("clinician"));

		CarePlan draft = plans(clinician, patient, "draft").get(0);
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician.update().resource(draft).withId(draft.getIdElement()).execute();

		assertThat(plans(clinician, patient, "active")).hasSize(1);
		assertThat(plans(clinician, patient, "draft")).isEmpty();
	}

	@Test
	void theKnowledgeAuthorRoleFromKeycloakLetsTheAuthorWriteDefinitionsAndNotAClinician() throws Exception {
		String definition = "{\"resourceType\":\"Questionnaire\",\"status\":\"draft\",\"url\":\"http://example.org/q/keycloak-"
				+ UUID.randomUUID() + "\"}";

		assertThat(post("Questionnaire", definition, KeycloakTokens.clinicianToken("clinician")).statusCode()).isEqualTo(403);
		HttpResponse<String> byAuthor = post("Questionnaire", definition, KeycloakTokens.clinicianToken("author"));
		assertThat(byAuthor.statusCode()).as(byAuthor.body()).isEqualTo(201);
	}

	@Test
	void theSystemClientsClientCredentialsTokenReadsAndWrites() {
		String token = KeycloakTokens.systemToken();
		assertThat(KeycloakTokens.claims(token).path("scope").asText()).contains("system/*.cruds");

		String patient = newPatient();
		assertThat(prod(token).read().resource(Patient.class).withId(patient).execute()).isNotNull();
		assertThat(prod(token).search().forResource(Questionnaire.class).where(Questionnaire.STATUS.exactly().code(
				Enumerations.PublicationStatus.ACTIVE.toCode())).returnBundle(Bundle.class).execute().getEntry()).isNotEmpty();
	}

	@Test
	void tokensFromAnyOtherIssuerOrNoneAreRefused() throws Exception {
		String embedded = Tokens.systemToken(port());

		HttpResponse<String> foreign = get("Patient?_count=1", embedded);
		assertThat(foreign.statusCode()).as("a token of FibroPlan's embedded server").isEqualTo(401);
		assertThat(foreign.body()).contains("OperationOutcome");
		assertThat(get("Patient?_count=1", null).statusCode()).isEqualTo(401);
		assertThat(get("Patient?_count=1", KeycloakTokens.systemToken()).statusCode()).isEqualTo(200);
	}

	@Test
	void aClinicianSignsInToTheWebPagesThroughKeycloak() {
		HttpResponse<String> workspace = PagesSignIn.open("/app", "clinician", "clinician");

		assertThat(workspace.statusCode()).as(workspace.body()).isEqualTo(200);
		assertThat(workspace.uri().getPath()).isEqualTo("/app");
		assertThat(workspace.body()).contains("Sign out");
	}

	@Test
	void theSmartConfigurationSendsAppsToKeycloak() throws Exception {
		String config = get(".well-known/smart-configuration", null).body();

		assertThat(config).contains("\"issuer\":\"" + Keycloak.realmUrl() + "\"")
				.contains("\"token_endpoint\":\"" + Keycloak.realmUrl() + "/protocol/openid-connect/token\"")
				.contains("\"authorization_endpoint\":\"" + Keycloak.realmUrl() + "/protocol/openid-connect/auth\"");
	}

	private static IGenericClient prod(String token) {
		return client(ProdFibroPlan.port(), token);
	}

	private static String newPatient() {
		String id = "kc-" + UUID.randomUUID();
		prod(KeycloakTokens.systemToken()).update().resource(new Patient().setActive(true).setId("Patient/" + id)).execute();
		return id;
	}

	private static List<CarePlan> plans(IGenericClient client, String patient, String status) {
		return client.search().byUrl("CarePlan?subject=Patient/" + patient + "&status=" + status).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (CarePlan) e.getResource()).toList();
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ProdFibroPlan.base() + "/fhir/" + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(ProdFibroPlan.base() + "/fhir/" + path))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}
}

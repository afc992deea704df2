package org.fibroplan.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;

/**
 * FibroPlan as a CDS Hooks 2.0 service, called as the demo EHR would: a clinician opens a patient in the
 * EHR and sees a card when the care plan needs them (critical for a red flag, warning for deterioration,
 * info for a draft awaiting review) and none when it does not. The clinical stories are driven through
 * the FHIR API, as the patients' apps and the clinicians do.
 */
class CdsHooksIT extends FhirIntegrationTest {

	private CdsClient ehr() {
		return CdsClient.demoEhr(port());
	}

	private static List<JsonNode> list(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).toList();
	}

	private static JsonNode only(JsonNode cards, String indicator) {
		List<JsonNode> found = list(cards).stream().filter(c -> indicator.equals(c.path("indicator").asText())).toList();
		assertThat(found).as(indicator + " cards in " + cards).hasSize(1);
		return found.get(0);
	}

	@Test
	void discoveryListsThePatientViewServiceWithItsPrefetchTemplates() {
		CdsClient.Response discovery = ehr().get("/cds-services");

		assertThat(discovery.status()).isEqualTo(200);
		JsonNode service = discovery.json().path("services").get(0);
		assertThat(service.path("id").asText()).isEqualTo("fibroplan-patient-view");
		assertThat(service.path("hook").asText()).isEqualTo("patient-view");
		assertThat(service.path("title").asText()).isNotBlank();
		assertThat(service.path("description").asText()).isNotBlank();
		assertThat(service.path("prefetch").path("reviewTask").asText()).isEqualTo(
				"Task?code=http://fibroplan.org/fhir/CodeSystem/plan-event|clinician-review&status=requested&patient={{context.patientId}}");
		assertThat(service.path("prefetch").path("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
	}

	@Test
	void aRedFlagAnsweredYesIsACriticalCardSayingWhatWasAnsweredAndWhatToDoNow() {
		String patient = newPatient("CdsRedFlag").getIdPart();
		fhir().create().resource(Answers.peg(patient, 6, 6, 6)).execute();
		fhir().create().resource(Answers.redFlags(patient, "night-pain")).execute();

		JsonNode cards = ehr().cards(patient);

		JsonNode critical = only(cards, "critical");
		assertThat(critical.path("summary").asText()).contains("Red flag", "Night pain or pain at rest");
		assertThat(critical.path("summary").asText().length()).isLessThan(140);
		assertThat(critical.path("detail").asText())
				.as("what was answered, and what to do now from ActivityDefinition urgent-review")
				.contains("answered yes to: Night pain or pain at rest", "What to do now", "need a clinician's assessment, urgently or the same day");
		assertThat(critical.path("source").path("label").asText()).isEqualTo("FibroPlan");
		assertThat(critical.path("uuid").asText()).matches("[0-9a-f-]{36}");
		assertThat(cards.get(0).path("indicator").asText()).as("the red flag comes first").isEqualTo("critical");
		JsonNode link = critical.path("links").get(0);
		assertThat(link.path("type").asText()).isEqualTo("smart");
		assertThat(link.path("url").asText()).isEqualTo(Tokens.base(port()) + "/app/smart/launch");
		assertThat(link.path("appContext").asText()).contains("\"patient\":\"" + patient + "\"");
	}

	@Test
	void deteriorationAgainstBaselineIsAWarningWithTheNumbers() {
		String patient = newPatient("CdsWorse").getIdPart();
		fhir().create().resource(Answers.peg(patient, 4, 4, 5)).execute();
		approve(patient);
		fhir().create().resource(Answers.peg(patient, 6, 6, 6)).execute();

		JsonNode warning = only(ehr().cards(patient), "warning");

		assertThat(warning.path("summary").asText()).contains("Worse than baseline", "PEG 6 against baseline 4.33 (+39 %)");
		assertThat(warning.path("detail").asText()).contains("Deterioration (a rise of 30 % or 2 points or more)");
		assertThat(warning.path("links").get(0).path("type").asText()).isEqualTo("smart");
	}

	@Test
	void aDraftAwaitingReviewIsAnInfoCardAndAnApprovedPlanWithNothingNewIsNoCard() {
		String patient = newPatient("CdsDraft").getIdPart();
		fhir().create().resource(Answers.peg(patient, 5, 5, 5)).execute();

		JsonNode cards = ehr().cards(patient);
		assertThat(list(cards)).extracting(c -> c.path("indicator").asText()).containsExactly("info");
		assertThat(cards.get(0).path("summary").asText()).isEqualTo("Draft awaiting review");
		assertThat(cards.get(0).path("detail").asText()).contains("draft plan proposes something");

		approve(patient);
		assertThat(list(ehr().cards(patient))).as("nothing needs a clinician: {\"cards\":[]}").isEmpty();
	}

	@Test
	void aPatientFibroPlanKnowsNothingAboutGetsNoCards() {
		CdsClient.Response response = ehr().post("/cds-services/fibroplan-patient-view",
				CdsClient.patientView(newPatient("CdsQuiet").getIdPart(), null), ehr().jwt());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().toString()).isEqualTo("{\"cards\":[]}");
	}

	@Test
	void aPrefetchedReviewTaskIsUsedWhenTheEhrSendsOneForThisPatient() {
		String patient = newPatient("CdsPrefetch").getIdPart();
		String task = "{\"resourceType\":\"Task\",\"status\":\"requested\",\"intent\":\"order\",\"priority\":\"routine\","
				+ "\"code\":{\"coding\":[{\"system\":\"http://fibroplan.org/fhir/CodeSystem/plan-event\",\"code\":\"clinician-review\"}]},"
				+ "\"for\":{\"reference\":\"Patient/%s\"},"
				+ "\"reasonCode\":{\"coding\":[{\"system\":\"http://fibroplan.org/fhir/CodeSystem/review-reason\",\"code\":\"follow-up-due\"}]}}";
		String bundle = "{\"reviewTask\":{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":" + task + "}]}}";

		JsonNode cards = ehr().post("/cds-services/fibroplan-patient-view", CdsClient.patientView(patient, bundle.formatted(patient)), ehr().jwt())
				.json().path("cards");
		assertThat(list(cards)).extracting(c -> c.path("summary").asText()).containsExactly("Follow-up due");

		JsonNode otherPatients = ehr().post("/cds-services/fibroplan-patient-view",
				CdsClient.patientView(patient, bundle.formatted("someone-else")), ehr().jwt()).json().path("cards");
		assertThat(list(otherPatients)).as("a prefetched Task of another patient is not this patient's").isEmpty();
	}

	@Test
	void callsWithoutAGoodJwtFromATrustedEhrGet401WithAJsonError() {
		CdsClient ehr = ehr();
		String body = CdsClient.patientView(newPatient("CdsLocked").getIdPart(), null);
		String service = "/cds-services/fibroplan-patient-view";
		Instant now = Instant.now();

		assertRefused(ehr.post(service, body, null), "Bearer");
		assertRefused(ehr.post(service, body, CdsClient.impostor(port(), "unknown-ehr").jwt()), "Unknown issuer unknown-ehr");
		assertRefused(ehr.post(service, body, CdsClient.impostor(port(), CdsClient.DEMO_EHR).jwt()), "signature");
		assertRefused(ehr.post(service, body, ehr.jwt(ehr.serviceUrl(), now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(5)),
				UUID.randomUUID().toString())), "Expired");
		assertRefused(ehr.post(service, body, ehr.jwt(ehr.base() + "/cds-services/another-service", now, now.plusSeconds(120),
				UUID.randomUUID().toString())), "audience");
		assertRefused(ehr.post(service, body, ehr.jwt(ehr.serviceUrl(), now, now.plus(Duration.ofHours(1)), UUID.randomUUID().toString())),
				"five minutes");
		String once = ehr.jwt();
		assertThat(ehr.post(service, body, once).status()).isEqualTo(200);
		assertRefused(ehr.post(service, body, once), "used before");
	}

	@Test
	void feedbackOnACardIsAcceptedAndOnRecord() {
		String card = UUID.randomUUID().toString();
		String feedback = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":"
				+ "{\"code\":\"seen\",\"display\":\"Seen in clinic today\"},\"userComment\":\"MRI booked\"},\"outcomeTimestamp\":\"2026-11-28T10:00:00Z\"}]}";

		CdsClient.Response response = ehr().post("/cds-services/fibroplan-patient-view/feedback", feedback, ehr().jwt());

		assertThat(response.status()).isEqualTo(200);
		List<AuditEvent> records = fhir().search().byUrl("AuditEvent?type=http://dicom.nema.org/resources/ossdcm/DCM|110100&_sort=-date&_count=50")
				.returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
		assertThat(records).anySatisfy(record -> {
			assertThat(record.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("urn:uuid:" + card);
			assertThat(record.getOutcomeDesc()).contains("overridden", "Seen in clinic today", "MRI booked");
			assertThat(record.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(CdsClient.DEMO_EHR);
		});

		CdsClient.Response bad = ehr().post("/cds-services/fibroplan-patient-view/feedback", "{\"feedback\":[{\"card\":\"x\"}]}", ehr().jwt());
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("error").asText()).isEqualTo("invalid_request");
		assertThat(ehr().post("/cds-services/fibroplan-patient-view/feedback", feedback, null).status()).isEqualTo(401);
	}

	@Test
	void aRequestWithoutAPatientIsABadRequest() {
		CdsClient.Response response = ehr().post("/cds-services/fibroplan-patient-view", "{\"hook\":\"patient-view\",\"context\":{}}", ehr().jwt());

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("error_description").asText()).contains("context.patientId");
	}

	private static void assertRefused(CdsClient.Response response, String why) {
		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.json().path("error").asText()).isEqualTo("invalid_token");
		assertThat(response.json().path("error_description").asText()).containsIgnoringCase(why);
	}

	private void approve(String patient) {
		CarePlan draft = (CarePlan) fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=draft").returnBundle(Bundle.class)
				.execute().getEntryFirstRep().getResource();
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		client(port(), Tokens.clinicianToken(port())).update().resource(draft).withId(draft.getIdElement()).execute();
	}
}

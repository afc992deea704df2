package org.fibroplan.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The audit trail and provenance are only ever added to: nobody re-tags, re-profiles, rewrites or
 * deletes a record, alone or inside a transaction, whatever their scopes.
 */
class AppendOnlyTrailIT extends FhirIntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void metaAddAndMetaDeleteLeaveAnAuditRecordExactlyAsItWas() throws Exception {
		AuditEvent record = anyAuditRecord();
		String profile = record.getMeta().getProfile().get(0).getValue();
		Parameters tag = new Parameters();
		tag.addParameter().setName("meta").setValue(new Meta().addTag("http://example.org/tags", "hidden", "Hidden")
				.addSecurity("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", "restricted"));
		Parameters removeProfile = new Parameters();
		removeProfile.addParameter().setName("meta").setValue(new Meta().addProfile(profile));

		for (String token : java.util.List.of(Tokens.clinicianToken(port()), Tokens.systemTokenThatMayWriteAudit(port()))) {
			HttpResponse<String> added = post(record.getIdElement().toUnqualifiedVersionless().getValue() + "/$meta-add", FHIR.newJsonParser()
					.encodeResourceToString(tag), token);
			HttpResponse<String> deleted = post(record.getIdElement().toUnqualifiedVersionless().getValue() + "/$meta-delete",
					FHIR.newJsonParser().encodeResourceToString(removeProfile), token);
			assertThat(added.statusCode()).as(added.body()).isEqualTo(405);
			assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(405);
			assertThat(added.body()).contains("OperationOutcome", "append-only");
		}

		AuditEvent after = fhir().read().resource(AuditEvent.class).withId(record.getIdElement().toUnqualifiedVersionless()).execute();
		assertThat(after.getMeta().getVersionId()).isEqualTo(record.getMeta().getVersionId());
		assertThat(after.getMeta().getTag()).isEmpty();
		assertThat(after.getMeta().getSecurity()).isEmpty();
		assertThat(after.getMeta().getProfile()).extracting(p -> p.getValue()).contains(profile);
	}

	@Test
	void aTransactionThatRewritesProvenanceIsRefusedWhole() throws Exception {
		Provenance provenance = fhir().search().forResource(Provenance.class).count(1).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (Provenance) e.getResource()).findFirst()
				.orElseGet(() -> (Provenance) fhir().create().resource(new Provenance()
						.addTarget(new org.hl7.fhir.r4.model.Reference("Patient/demo-patient")).setRecorded(new java.util.Date())
						.addAgent(new Provenance.ProvenanceAgentComponent().setWho(new org.hl7.fhir.r4.model.Reference().setDisplay("x"))))
						.execute().getResource());
		Provenance rewritten = provenance.copy();
		rewritten.setRecorded(new java.util.Date(0));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(rewritten).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl(provenance.getIdElement().toUnqualifiedVersionless().getValue());

		HttpResponse<String> response = post("", FHIR.newJsonParser().encodeResourceToString(transaction), Tokens.systemToken(port()));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
		Provenance after = fhir().read().resource(Provenance.class).withId(provenance.getIdElement().toUnqualifiedVersionless()).execute();
		assertThat(after.getMeta().getVersionId()).isEqualTo(provenance.getMeta().getVersionId());
	}

	private AuditEvent anyAuditRecord() {
		fhir().search().byUrl("Patient?_id=demo-patient").returnBundle(Bundle.class).execute(); // leaves a record
		return (AuditEvent) fhir().search().forResource(AuditEvent.class).sort().descending("date").count(1)
				.returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
	}

	private HttpResponse<String> post(String path, String body, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + "/fhir/" + path))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/fhir+json")
				.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
	}
}

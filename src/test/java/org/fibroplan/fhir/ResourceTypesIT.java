package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.util.Date;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every resource type FibroPlan and its integrators rely on supports the full set of interactions:
 * conditional create, read, conditional update, If-Match, search, history and transactions.
 */
class ResourceTypesIT extends FhirIntegrationTest {

	static Stream<Arguments> resourceTypes() {
		return Stream.<Function<Reference, Resource>>of(
						patient -> new Patient().addName(new HumanName().setFamily("Rivera")),
						patient -> new Practitioner().addName(new HumanName().setFamily("Okafor")),
						patient -> new Condition().setSubject(patient)
								.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "203082005", "Fibromyalgia"))),
						patient -> new Observation().setStatus(Observation.ObservationStatus.FINAL).setSubject(patient)
								.setCode(new CodeableConcept(new Coding("http://loinc.org", "29463-7", "Body weight"))),
						patient -> new Questionnaire().setUrl("http://example.org/q/" + UUID.randomUUID())
								.setStatus(Enumerations.PublicationStatus.DRAFT),
						patient -> new QuestionnaireResponse().setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS)
								.setQuestionnaire("http://fibroplan.org/fhir/Questionnaire/peg|1.0.0").setSubject(patient),
						patient -> new CarePlan().setStatus(CarePlan.CarePlanStatus.COMPLETED).setIntent(CarePlan.CarePlanIntent.PLAN)
								.setSubject(patient),
						patient -> new Goal().setLifecycleStatus(Goal.GoalLifecycleStatus.PROPOSED).setSubject(patient)
								.setDescription(new CodeableConcept().setText("Walk 30 minutes")),
						patient -> new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
								.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL).setSubject(patient),
						patient -> new PlanDefinition().setStatus(Enumerations.PublicationStatus.DRAFT)
								.setUrl("http://example.org/pd/" + UUID.randomUUID()),
						patient -> new ActivityDefinition().setStatus(Enumerations.PublicationStatus.DRAFT)
								.setUrl("http://example.org/ad/" + UUID.randomUUID()),
						patient -> new Flag().setStatus(Flag.FlagStatus.ACTIVE).setSubject(patient)
								.setCode(new CodeableConcept().setText("Red flag: night pain")),
						patient -> new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER).setFor(patient),
						patient -> new Provenance().addTarget(patient).setRecorded(new Date())
								.addAgent(new Provenance.ProvenanceAgentComponent().setWho(patient)),
						patient -> new AuditEvent().setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110110", "Patient Record"))
								.setRecorded(new Date())
								.addAgent(new AuditEvent.AuditEventAgentComponent().setRequestor(true).setWho(patient))
								.setSource(new AuditEvent.AuditEventSourceComponent().setObserver(new Reference().setDisplay("FibroPlan"))),
						patient -> new DocumentReference().setStatus(Enumerations.DocumentReferenceStatus.CURRENT).setSubject(patient)
								.addContent(new DocumentReference.DocumentReferenceContentComponent()
										.setAttachment(new Attachment().setContentType("text/plain").setData("plan".getBytes()))))
				.map(Arguments::of);
	}

	@ParameterizedTest
	@MethodSource("resourceTypes")
	void everyInteractionWorks(Function<Reference, Resource> make) {
		// AuditEvents are writable through the API only with the explicit scope
		var client = client(port(), Tokens.systemTokenThatMayWriteAudit(port()));
		Reference patient = new Reference(newPatient("Types"));
		String tag = UUID.randomUUID().toString();
		Resource resource = make.apply(patient);
		resource.getMeta().addTag("urn:fibroplan:test", tag, null);
		String type = resource.fhirType();
		String byTag = type + "?_tag=urn:fibroplan:test|" + tag;

		MethodOutcome created = client.create().resource(resource).conditionalByUrl(byTag).execute();
		MethodOutcome again = client.create().resource(resource).conditionalByUrl(byTag).execute();
		assertThat(created.getCreated()).as(type + " conditional create").isTrue();
		assertThat(again.getId().getIdPart()).as(type + " conditional create again").isEqualTo(created.getId().getIdPart());

		Resource read = (Resource) client.read().resource(type).withId(created.getId().getIdPart()).execute();
		assertThat(read.getMeta().getVersionId()).isEqualTo("1");

		boolean appendOnly = type.equals("AuditEvent") || type.equals("Provenance");
		read.setLanguage("en");
		if (appendOnly) {
			assertThatThrownBy(() -> client.update().resource(read).conditionalByUrl(byTag).execute())
					.as(type + " is append-only: no update").isInstanceOf(MethodNotAllowedException.class);
		} else {
			MethodOutcome updated = client.update().resource(read).conditionalByUrl(byTag).execute();
			assertThat(updated.getId().getVersionIdPart()).as(type + " conditional update").isEqualTo("2");

			read.setLanguage("en-GB");
			read.setIdElement(new IdType(type, created.getId().getIdPart(), "1"));
			assertThatThrownBy(() -> client.update().resource(read).withId(read.getIdElement()).execute())
					.as(type + " If-Match with a stale version")
					.isInstanceOf(PreconditionFailedException.class);
		}

		Bundle found = client.search().byUrl(byTag).returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).as(type + " search").hasSize(1);

		Bundle history = client.history().onInstance(new IdType(type, created.getId().getIdPart()))
				.returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).as(type + " history").hasSize(appendOnly ? 1 : 2);

		Resource inTransaction = make.apply(patient);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(inTransaction).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(type);
		Bundle response = client.transaction().withBundle(transaction).execute();
		assertThat(response.getEntryFirstRep().getResponse().getStatus()).as(type + " transaction").startsWith("201");
	}
}

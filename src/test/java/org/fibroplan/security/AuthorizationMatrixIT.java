package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what, case by case: each caller × each kind of data × each operation, with the exact status
 * the server must answer. All clinical data here belongs to patient A ("patient"); patient B
 * ("patient-b") is someone else. A successful search by a patient must contain only their own data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT extends FhirIntegrationTest {

	static final String PATIENT_A = "demo-patient";
	static final String PATIENT_B = "demo-patient-b";
	static final FhirContext FHIR = FhirContext.forR4Cached();

	enum Caller { PATIENT_A, PATIENT_B, CLINICIAN, AUTHOR, SYSTEM, NO_TOKEN }

	enum Op { READ, SEARCH, CREATE, UPDATE, PATCH, DELETE, HISTORY, META, META_ADD, META_DELETE }

	/** A kind of data, its fixture (belonging to patient A where it is clinical) and how to make a new one. */
	enum Target {
		OBSERVATION("Observation", a -> new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept(new Coding("http://loinc.org", "29463-7", "Body weight"))).setSubject(a)),
		QUESTIONNAIRE_RESPONSE("QuestionnaireResponse", a -> new QuestionnaireResponse()
				.setQuestionnaire("http://fibroplan.org/fhir/Questionnaire/peg|1.0.0")
				.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS).setSubject(a)),
		// A finished plan: visible to its patient like an active one, without the approval rules of activation
		// (CarePlanLifecycleIT covers those).
		COMPLETED_CARE_PLAN("CarePlan", a -> new CarePlan().setStatus(CarePlan.CarePlanStatus.COMPLETED)
				.setIntent(CarePlan.CarePlanIntent.PLAN).setSubject(a)),
		DRAFT_CARE_PLAN("CarePlan", a -> new CarePlan().setStatus(CarePlan.CarePlanStatus.DRAFT)
				.setIntent(CarePlan.CarePlanIntent.PLAN).setSubject(a)),
		GOAL("Goal", a -> new Goal().setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE).setSubject(a)
				.setDescription(new CodeableConcept().setText("Walk 30 minutes three times a week"))),
		// Parts of a draft plan: for clinicians until approved.
		PROPOSED_GOAL("Goal", a -> new Goal().setLifecycleStatus(Goal.GoalLifecycleStatus.PROPOSED).setSubject(a)
				.setDescription(new CodeableConcept().setText("Pain at least 30 % lower"))),
		DRAFT_REFERRAL("ServiceRequest", a -> new org.hl7.fhir.r4.model.ServiceRequest()
				.setStatus(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.DRAFT)
				.setIntent(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent.PROPOSAL).setSubject(a)),
		CONDITION("Condition", a -> new Condition().setSubject(a)
				.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "203082005", "Fibromyalgia")))),
		PATIENT_RECORD("Patient", a -> new Patient().addName(new HumanName().setFamily("New"))),
		PRACTITIONER("Practitioner", a -> new Practitioner().addName(new HumanName().setFamily("Okafor"))),
		AUDIT_EVENT("AuditEvent", a -> new AuditEvent()
				.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"))
				.setRecorded(new Date())
				.addAgent(new AuditEvent.AuditEventAgentComponent().setRequestor(true).setWho(new Reference().setDisplay("x")))
				.setSource(new AuditEvent.AuditEventSourceComponent().setObserver(new Reference().setDisplay("FibroPlan")))
				.addEntity(new AuditEvent.AuditEventEntityComponent().setWhat(a))),
		PROVENANCE("Provenance", a -> new Provenance().addTarget(a).setRecorded(new Date())
				.addAgent(new Provenance.ProvenanceAgentComponent().setWho(new Reference().setDisplay("Matrix")))),
		TASK("Task", a -> new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER).setFor(a)),
		QUESTIONNAIRE("Questionnaire", a -> new Questionnaire().setStatus(Enumerations.PublicationStatus.ACTIVE)
				.setUrl("http://example.org/q/matrix-" + System.nanoTime())),
		PLAN_DEFINITION("PlanDefinition", a -> new PlanDefinition().setStatus(Enumerations.PublicationStatus.DRAFT)
				.setUrl("http://example.org/plan/matrix-" + System.nanoTime())),
		VALUE_SET("ValueSet", a -> new ValueSet().setStatus(Enumerations.PublicationStatus.DRAFT)
				.setUrl("http://example.org/vs/matrix-" + System.nanoTime()));

		final String type;
		final Function<Reference, Resource> make;

		Target(String type, Function<Reference, Resource> make) {
			this.type = type;
			this.make = make;
		}

		/** Parts of a draft plan, which patients never see. */
		boolean isUnapproved() {
			return this == DRAFT_CARE_PLAN || this == PROPOSED_GOAL || this == DRAFT_REFERRAL;
		}

		boolean isPatientData() {
			return this != PRACTITIONER && !isDefinition();
		}

		/** What answers and plans run on: written by knowledge authors and system clients only. */
		boolean isDefinition() {
			return this == QUESTIONNAIRE || this == PLAN_DEFINITION || this == VALUE_SET;
		}

		/** The record of who did what: added to, never changed. */
		boolean isAppendOnly() {
			return this == AUDIT_EVENT || this == PROVENANCE;
		}
	}

	/**
	 * The policy, in one place: what each caller may do. Patients: their own compartment, reads and
	 * searches; they create only Observations and QuestionnaireResponses; drafts, audit records, tasks,
	 * rules and the meta operations are out of reach. Clinicians, knowledge authors and the system client:
	 * everything their wildcard scopes name, except creating audit records (the server does), changing
	 * audit records or provenance in any way (append-only: 405), and, for clinicians, writing definitions.
	 */
	static int expected(Caller caller, Target target, Op op) {
		if (caller == Caller.NO_TOKEN) {
			return 401;
		}
		boolean writes = op == Op.CREATE || op == Op.UPDATE || op == Op.PATCH || op == Op.DELETE || op == Op.META_ADD
				|| op == Op.META_DELETE;
		if (caller == Caller.CLINICIAN || caller == Caller.AUTHOR || caller == Caller.SYSTEM) {
			if (target == Target.AUDIT_EVENT && op == Op.CREATE) {
				return 403;
			}
			if (target.isAppendOnly() && writes && op != Op.CREATE) {
				return 405;
			}
			if (target.isDefinition() && writes && caller == Caller.CLINICIAN) {
				return 403;
			}
			if (target == Target.DRAFT_CARE_PLAN && op == Op.CREATE) {
				return 409; // the patient already has their one draft
			}
			return op == Op.CREATE ? 201 : 200;
		}
		if (target == Target.AUDIT_EVENT || target == Target.TASK || target == Target.PRACTITIONER
				|| target == Target.PLAN_DEFINITION || op == Op.META || op == Op.META_ADD || op == Op.META_DELETE) {
			return 403;
		}
		if (target.isAppendOnly() && (op == Op.UPDATE || op == Op.PATCH || op == Op.DELETE)) {
			return 405; // append-only comes before whose record it is
		}
		boolean own = caller == Caller.PATIENT_A;
		return switch (op) {
			case SEARCH -> 200; // narrowed to the caller's own compartment (checked separately)
			case READ, HISTORY -> {
				if (target.isDefinition()) {
					yield 200;
				}
				yield own && !target.isUnapproved() ? 200 : 403;
			}
			case CREATE -> own && (target == Target.OBSERVATION || target == Target.QUESTIONNAIRE_RESPONSE) ? 201 : 403;
			case UPDATE, PATCH, DELETE, META, META_ADD, META_DELETE -> 403;
		};
	}

	private final Map<Target, IdType> fixtures = new EnumMap<>(Target.class);
	private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
	private final HttpClient http = HttpClient.newHttpClient();
	private IGenericClient admin;

	@BeforeAll
	void fixturesAndTokens() {
		admin = client(port(), Tokens.systemTokenThatMayWriteAudit(port()));
		Reference a = new Reference("Patient/" + PATIENT_A);
		for (Target target : Target.values()) {
			if (target == Target.PATIENT_RECORD) {
				fixtures.put(target, new IdType("Patient", PATIENT_A));
			} else if (target == Target.DRAFT_CARE_PLAN) {
				fixtures.put(target, patientAsDraft());
			} else {
				fixtures.put(target, (IdType) admin.create().resource(target.make.apply(a)).execute().getId().toUnqualifiedVersionless());
			}
		}
		tokens.put(Caller.PATIENT_A, Tokens.patientToken(port(), "patient"));
		tokens.put(Caller.PATIENT_B, Tokens.patientToken(port(), "patient-b"));
		tokens.put(Caller.CLINICIAN, Tokens.clinicianToken(port()));
		tokens.put(Caller.AUTHOR, Tokens.authorToken(port()));
		tokens.put(Caller.SYSTEM, Tokens.systemToken(port()));
	}

	/** Patient A's one draft: the one earlier answers made, or a new one. */
	private IdType patientAsDraft() {
		Bundle drafts = admin.search().byUrl("CarePlan?subject=Patient/" + PATIENT_A + "&status=draft").returnBundle(Bundle.class).execute();
		return drafts.hasEntry()
				? drafts.getEntryFirstRep().getResource().getIdElement().toUnqualifiedVersionless()
				: (IdType) admin.create().resource(Target.DRAFT_CARE_PLAN.make.apply(new Reference("Patient/" + PATIENT_A))).execute()
						.getId().toUnqualifiedVersionless();
	}

	Stream<Arguments> cases() {
		List<Arguments> cases = new ArrayList<>();
		for (Caller caller : Caller.values()) {
			for (Target target : Target.values()) {
				for (Op op : Op.values()) {
					cases.add(Arguments.of(caller, target, op, expected(caller, target, op)));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {2} {1} -> {3}")
	@MethodSource("cases")
	void eachCallerGetsExactlyWhatThePolicySays(Caller caller, Target target, Op op, int expectedStatus) throws Exception {
		HttpResponse<String> response = send(caller, target, op);

		assertThat(response.statusCode()).as(caller + " " + op + " " + target + ": " + response.body()).isEqualTo(expectedStatus);
		if (expectedStatus >= 400) {
			assertThat(response.body()).as("refusals are OperationOutcomes").contains("OperationOutcome");
		}
		if (op == Op.SEARCH && expectedStatus == 200 && (caller == Caller.PATIENT_A || caller == Caller.PATIENT_B)) {
			String self = caller == Caller.PATIENT_A ? PATIENT_A : PATIENT_B;
			Bundle results = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
			for (Bundle.BundleEntryComponent entry : results.getEntry()) {
				assertThat(patientsNamedIn(entry.getResource())).as("a patient's search shows only their own data")
						.allSatisfy(patient -> assertThat(patient).isEqualTo(self));
				if (entry.getResource() instanceof CarePlan plan) {
					assertThat(plan.getStatus()).isIn(CarePlan.CarePlanStatus.ACTIVE, CarePlan.CarePlanStatus.COMPLETED);
				}
				if (entry.getResource() instanceof Goal goal) {
					assertThat(goal.getLifecycleStatus()).isNotEqualTo(Goal.GoalLifecycleStatus.PROPOSED);
				}
				if (entry.getResource() instanceof org.hl7.fhir.r4.model.ServiceRequest referral) {
					assertThat(referral.getStatus()).isNotEqualTo(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.DRAFT);
				}
			}
			if (caller == Caller.PATIENT_A && target.isPatientData() && !target.isUnapproved()) {
				assertThat(results.getEntry()).as("the patient's own " + target + " is found").isNotEmpty();
			}
		}
	}

	private HttpResponse<String> send(Caller caller, Target target, Op op) throws Exception {
		String base = Tokens.base(port()) + "/fhir/";
		IdType fixture = fixtures.get(target);
		Reference a = new Reference("Patient/" + PATIENT_A);
		HttpRequest.Builder request = switch (op) {
			case READ -> HttpRequest.newBuilder(URI.create(base + fixture.getValue())).GET();
			case HISTORY -> HttpRequest.newBuilder(URI.create(base + fixture.getValue() + "/_history")).GET();
			case SEARCH -> HttpRequest.newBuilder(URI.create(base + target.type + "?_count=100")).GET();
			case CREATE -> HttpRequest.newBuilder(URI.create(base + target.type))
					.POST(HttpRequest.BodyPublishers.ofString(json(target.make.apply(a))));
			case UPDATE -> {
				// the draft is edited as a clinician edits it, from what is stored: other stories may have given
				// Patient A a red flag, whose urgent review a bare replacement would drop without a reason (422)
				Resource changed = target == Target.DRAFT_CARE_PLAN
						? admin.read().resource(CarePlan.class).withId(fixture).execute()
						: target.make.apply(a);
				changed.setId(fixture);
				changed.setLanguage("en");
				yield HttpRequest.newBuilder(URI.create(base + fixture.getValue()))
						.PUT(HttpRequest.BodyPublishers.ofString(json(changed)));
			}
			case PATCH -> HttpRequest.newBuilder(URI.create(base + fixture.getValue()))
					.method("PATCH", HttpRequest.BodyPublishers.ofString("[{\"op\":\"add\",\"path\":\"/language\",\"value\":\"en\"}]"))
					.header("Content-Type", "application/json-patch+json");
			case META -> HttpRequest.newBuilder(URI.create(base + fixture.getValue() + "/$meta")).GET();
			case META_ADD, META_DELETE -> HttpRequest.newBuilder(URI.create(base + fixture.getValue()
							+ (op == Op.META_ADD ? "/$meta-add" : "/$meta-delete")))
					.POST(HttpRequest.BodyPublishers.ofString(json(new Parameters().addParameter(new Parameters.ParametersParameterComponent()
							.setName("meta").setValue(new Meta().addTag("http://example.org/tags", "matrix", "Matrix"))))));
			case DELETE -> {
				// a fresh resource each time, so deletes that are allowed do not remove the shared fixtures
				Reference owner = target == Target.DRAFT_CARE_PLAN // one draft per patient: a fresh patient's
						? new Reference(admin.create().resource(new Patient()).execute().getId().toUnqualifiedVersionless())
						: a;
				IdType victim = target == Target.PATIENT_RECORD
						? (IdType) admin.create().resource(new Patient()).execute().getId().toUnqualifiedVersionless()
						: (IdType) admin.create().resource(target.make.apply(owner)).execute().getId().toUnqualifiedVersionless();
				if (target == Target.PATIENT_RECORD && caller == Caller.PATIENT_A) {
					victim = fixture; // a patient deleting their own record
				}
				yield HttpRequest.newBuilder(URI.create(base + victim.getValue())).DELETE();
			}
		};
		if (op != Op.PATCH) {
			request.header("Content-Type", "application/fhir+json");
		}
		request.header("Accept", "application/fhir+json");
		if (tokens.containsKey(caller)) {
			request.header("Authorization", "Bearer " + tokens.get(caller));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String json(IBaseResource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	/** The ids of every Patient a resource names, itself included when it is a Patient. */
	private static List<String> patientsNamedIn(Resource resource) {
		List<String> patients = new ArrayList<>();
		if (resource instanceof Patient) {
			patients.add(resource.getIdElement().getIdPart());
		}
		FHIR.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class).stream()
				.map(Reference::getReference)
				.filter(r -> r != null && r.startsWith("Patient/"))
				.map(r -> new IdType(r).getIdPart())
				.forEach(patients::add);
		return patients;
	}
}

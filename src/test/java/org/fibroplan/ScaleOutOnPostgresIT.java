package org.fibroplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fibroplan.careplan.Answers;
import org.fibroplan.ehr.DeliveryStory;
import org.fibroplan.ehr.internal.DeliveryQueuePause;
import org.fibroplan.web.PageSession;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import testsupport.ehr.EhrSandbox;
import testsupport.ehr.Faults;

/**
 * Two instances behind one load balancer on one PostgreSQL (design.md, "Scale-out"): this test context
 * (A) and a second FibroPlan in its own process (B, {@link SecondInstance}), sharing the database and the
 * signing key. Whatever one instance began, the other carries on. The last story kills B.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutOnPostgresIT extends PostgresIntegrationTest {

	private static final String REVIEW_QUEUE = "Task?code=http://fibroplan.org/fhir/CodeSystem/plan-event|clinician-review&status=requested";

	@Autowired
	ApplicationContext context;

	private SecondInstance b;

	@BeforeEach
	void secondInstance() {
		b = SecondInstance.beside(port());
	}

	@Test
	@Order(1)
	void aTokenFromEitherInstanceIsValidOnTheOther() {
		String fromA = Tokens.systemToken(port());
		String fromB = Tokens.systemToken(b.port());
		assertThat(FhirIntegrationTest.client(b.port(), fromA).search().byUrl("Patient?_count=1").returnBundle(Bundle.class).execute())
				.as("A's token on B").isNotNull();
		assertThat(FhirIntegrationTest.client(port(), fromB).search().byUrl("Patient?_count=1").returnBundle(Bundle.class).execute())
				.as("B's token on A").isNotNull();
	}

	@Test
	@Order(2)
	void aSignInBegunOnOneInstanceFinishesOnTheOther() {
		// authorize on A, the login form posted to B, the code (issued by A) exchanged at B: session and code are in the database
		JsonNode tokens = Tokens.authorizationCode(port(), b.port(), b.port(), "demo-clinician-app", Tokens.CLINICIAN_APP_SCOPES,
				"clinician", "clinician");
		assertThat(tokens.path("_status").asInt()).as(tokens.toString()).isEqualTo(200);
		IGenericClient clinicianOnA = FhirIntegrationTest.client(port(), tokens.path("access_token").asText());
		assertThat(clinicianOnA.search().byUrl("Patient?_count=1").returnBundle(Bundle.class).execute()).isNotNull();
	}

	@Test
	@Order(3)
	void aClinicianSignedInThroughOneInstanceCarriesOnWithTheOther() {
		String family = "Crossover" + UUID.randomUUID().toString().substring(0, 6);
		IdType patient = (IdType) fhir().create().resource(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily(family)))
				.execute().getId().toUnqualifiedVersionless();
		PageSession browser = new PageSession(port());
		HttpResponse<String> onA = browser.signInAndOpen("/app/patients/" + patient.getIdPart(), "clinician", "clinician");
		assertThat(onA.statusCode()).isEqualTo(200);
		assertThat(onA.body()).contains(family);

		// the same browser, the same session cookie, the next request to the other instance
		HttpResponse<String> onB = browser.get("http://localhost:" + b.port() + "/app/patients/" + patient.getIdPart());
		assertThat(onB.statusCode()).as("served by B without signing in again").isEqualTo(200);
		assertThat(onB.body()).contains(family);
	}

	@Test
	@Order(4)
	void aQuestionnaireRetiredOnOneInstanceTakesNoAnswersOnTheOtherWithinTenSeconds() throws InterruptedException {
		Questionnaire questionnaire = new Questionnaire().setUrl("http://fibroplan.org/fhir/Questionnaire/scale-out-" + UUID.randomUUID())
				.setVersion("1.0.0").setStatus(PublicationStatus.ACTIVE);
		questionnaire.addItem().setLinkId("q").setText("Anything?").setType(Questionnaire.QuestionnaireItemType.BOOLEAN);
		IdType id = (IdType) fhir().create().resource(questionnaire).execute().getId().toUnqualifiedVersionless();
		String patient = newPatient("Definitions").getIdPart();
		QuestionnaireResponse answer = new QuestionnaireResponse().setQuestionnaire(questionnaire.getUrl() + "|1.0.0")
				.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED).setSubject(new Reference("Patient/" + patient));
		answer.addItem().setLinkId("q").addAnswer().setValue(new org.hl7.fhir.r4.model.BooleanType(true));
		assertThat(b.fhir().create().resource(answer).execute().getCreated()).as("B takes answers while it is active").isTrue();
		// once B has also seen the Questionnaire's creation (it forgets its definitions then), it answers from its cache again
		Thread.sleep(6_000);
		assertThat(b.fhir().create().resource(answer).execute().getCreated()).as("B keeps the active Questionnaire").isTrue();

		questionnaire.setId(id);
		questionnaire.setStatus(PublicationStatus.RETIRED);
		fhir().update().resource(questionnaire).execute();
		long retired = System.nanoTime();

		Integer refusal = null;
		while (refusal == null && System.nanoTime() - retired < Duration.ofSeconds(12).toNanos()) {
			try {
				b.fhir().create().resource(answer).execute();
				Thread.sleep(250);
			} catch (BaseServerResponseException e) {
				refusal = e.getStatusCode();
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - retired);
		org.slf4j.LoggerFactory.getLogger(ScaleOutOnPostgresIT.class).info("B refused answers to the retired Questionnaire {} ms after A retired it", took.toMillis());
		assertThat(refusal).as("B refuses answers to the Questionnaire retired on A").isEqualTo(422);
		assertThat(took).as("within 10 s of the retirement").isLessThanOrEqualTo(Duration.ofSeconds(10));
	}

	@Test
	@Order(5)
	void answersSentToEitherInstanceKeepOneDraftAndOneQueueEntryPerPatient() throws Exception {
		List<String> patients = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			patients.add(newPatient("Alternating").getIdPart());
		}
		ExecutorService apps = Executors.newFixedThreadPool(patients.size());
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (String patient : patients) {
				// each patient's app answers one after the other, its answers landing on A and B in turn; patients at once
				sent.add(apps.submit(() -> {
					for (int answer = 0; answer < 4; answer++) {
						FhirServerUnderTest instance = answer % 2 == 0 ? this : b;
						instance.fhir().create().resource(Answers.painNrs(patient, 3 + answer, 4, 2 + answer, 5 + answer)).execute();
					}
				}));
			}
			for (Future<?> f : sent) {
				f.get();
			}
		} finally {
			apps.shutdown();
		}
		for (String patient : patients) {
			for (FhirServerUnderTest instance : List.of(this, b)) {
				assertThat(search(instance, "CarePlan?subject=Patient/" + patient + "&status=draft")).as("one draft of " + patient).hasSize(1);
				assertThat(search(instance, REVIEW_QUEUE + "&patient=Patient/" + patient)).as("one open review of " + patient).hasSize(1);
			}
		}
	}

	/**
	 * kill -9 of the instance sending a plan: the other one takes the delivery over and the EHR holds the
	 * plan once. To know which instance is sending, A leaves the deliveries to B for the while (its
	 * scheduler paused), and the EHR holds B's write until B is dead; the write then lands, as an EHR may
	 * finish what a dead sender began, and A's resend must change nothing.
	 */
	@Test
	@Order(6)
	void aDeliveryInFlightOnAKilledInstanceIsFinishedByTheOtherOnce() throws InterruptedException {
		DeliveryStory story = new DeliveryStory(this, DeliveryStory.FLAKY);
		story.knownToTheEhr();
		fhir().create().resource(Answers.painNrs(story.patient, 0, 6, 0, 6)).execute();
		CarePlan draft = story.plans("draft").get(0);
		Faults.Hold slowEhr = EhrSandbox.faults().holdNextWriteNaming(draft.getIdentifierFirstRep().getValue());
		DeliveryQueuePause.pause(context);
		try {
			draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
			story.clinician().update().resource(draft).withId(draft.getIdElement()).execute();
			assertThat(slowEhr.awaitArrival(Duration.ofSeconds(60))).as("B sends the plan").isTrue();
			b.kill();
		} finally {
			slowEhr.release();
			DeliveryQueuePause.resume(context);
		}
		CarePlan plan = fhir().read().resource(CarePlan.class).withId(draft.getIdElement().toUnqualifiedVersionless()).execute();
		Task task = story.awaitStatus(plan, "flaky-ehr", Task.TaskStatus.COMPLETED);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
		assertThat(DeliveryStory.inEhr("CarePlan?identifier=http://fibroplan.org/fhir/careplan-id|" + plan.getIdentifierFirstRep().getValue()))
				.as("the plan once in the EHR").hasSize(1);
	}

	private static List<?> search(FhirServerUnderTest instance, String url) {
		return instance.fhir().search().byUrl(url).returnBundle(Bundle.class).execute().getEntry();
	}
}

package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The definitions answers and plans run on (instruments, rules, terminology) are written by knowledge
 * authors and system clients only; those that answers or plans depend on cannot be deleted; and no write
 * of a definition leaves the next answer failing.
 */
class DefinitionSafetyIT extends FhirIntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aClinicianCannotDeleteTheRulesAndAnswersKeepBeingStored() throws Exception {
		HttpResponse<String> delete = send("DELETE", "PlanDefinition/fm-care-plan", null, Tokens.clinicianToken(port()));

		assertThat(delete.statusCode()).as(delete.body()).isEqualTo(403);
		assertThat(delete.body()).contains("OperationOutcome", "knowledge authors");
		assertPegAnswerIsStored();
	}

	@Test
	void definitionsThatAnswersAndPlansRunOnCannotBeDeletedEvenByTheSystemClient() throws Exception {
		String system = Tokens.systemToken(port());
		for (String definition : java.util.List.of("PlanDefinition/fm-care-plan", "Questionnaire/peg", "ActivityDefinition/urgent-review",
				"CodeSystem/pro")) {
			HttpResponse<String> delete = send("DELETE", definition, null, system);
			assertThat(delete.statusCode()).as(definition + ": " + delete.body()).isEqualTo(409);
			assertThat(delete.body()).contains("OperationOutcome", "Retire it");
		}
		assertPegAnswerIsStored();
	}

	@Test
	void aKnowledgeAuthorWritesDefinitionsAClinicianDoesNot() throws Exception {
		Questionnaire draft = new Questionnaire().setStatus(Enumerations.PublicationStatus.DRAFT)
				.setUrl("http://example.org/q/author-" + System.nanoTime());

		HttpResponse<String> byClinician = send("POST", "Questionnaire", draft, Tokens.clinicianToken(port()));
		HttpResponse<String> byAuthor = send("POST", "Questionnaire", draft, Tokens.authorToken(port()));

		assertThat(byClinician.statusCode()).as(byClinician.body()).isEqualTo(403);
		assertThat(byAuthor.statusCode()).as(byAuthor.body()).isEqualTo(201);
	}

	@Test
	void rulesThatCannotBeCompiledAreRefusedAndTheStoredRulesStay() throws Exception {
		String author = Tokens.authorToken(port());
		PlanDefinition rules = read(PlanDefinition.class, "PlanDefinition/fm-care-plan");
		String versionBefore = rules.getMeta().getVersionId();
		rules.getActionFirstRep().getConditionFirstRep().getExpression().setLanguage("text/cql");

		HttpResponse<String> update = send("PUT", "PlanDefinition/fm-care-plan", rules, author);

		assertThat(update.statusCode()).as(update.body()).isEqualTo(422);
		assertThat(update.body()).contains("OperationOutcome", rules.getActionFirstRep().getId());
		assertThat(read(PlanDefinition.class, "PlanDefinition/fm-care-plan").getMeta().getVersionId()).isEqualTo(versionBefore);
		assertPegAnswerIsStored();
	}

	@Test
	void terminologyTheRulesAreCompiledWithCannotBeBrokenEither() throws Exception {
		String author = Tokens.authorToken(port());
		ConceptMap map = read(ConceptMap.class, "ConceptMap/observation-assessment-variable");
		String versionBefore = map.getMeta().getVersionId();
		map.getGroupFirstRep().getElementFirstRep().getTargetFirstRep().setCode("noSuchVariable");

		HttpResponse<String> update = send("PUT", "ConceptMap/observation-assessment-variable", map, author);

		assertThat(update.statusCode()).as(update.body()).isEqualTo(422);
		assertThat(update.body()).contains("OperationOutcome", "read by the rules", "noSuchVariable");
		assertThat(read(ConceptMap.class, "ConceptMap/observation-assessment-variable").getMeta().getVersionId()).isEqualTo(versionBefore);
		assertPegAnswerIsStored();
	}

	@Test
	void aStretchCannotBeGivenTheStrongGradeOfTheExerciseProgrammeItBelongsTo() throws Exception {
		String author = Tokens.authorToken(port());
		ActivityDefinition stretch = read(ActivityDefinition.class, "ActivityDefinition/hamstring-stretch");
		String versionBefore = stretch.getMeta().getVersionId();
		CodeableConcept grade = (CodeableConcept) stretch.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE).getValue();
		grade.getCodingFirstRep().setCode("strong-for");
		grade.setText("EULAR 2016: strong for (exercise)");

		HttpResponse<String> update = send("PUT", "ActivityDefinition/hamstring-stretch", stretch, author);

		assertThat(update.statusCode()).as(update.body()).isEqualTo(422);
		assertThat(update.body()).contains("OperationOutcome", "claims strong-for, but no statement covering the activity directly gives it");
		assertThat(read(ActivityDefinition.class, "ActivityDefinition/hamstring-stretch").getMeta().getVersionId()).isEqualTo(versionBefore);
		assertPegAnswerIsStored();
	}

	@Test
	void thePackagesDefinitionsKeepTheirCanonicalUrl() throws Exception {
		Questionnaire peg = read(Questionnaire.class, "Questionnaire/peg");
		peg.setUrl("http://example.org/moved/peg");

		HttpResponse<String> update = send("PUT", "Questionnaire/peg", peg, Tokens.authorToken(port()));

		assertThat(update.statusCode()).as(update.body()).isEqualTo(409);
		assertPegAnswerIsStored();
	}

	@Test
	void aQuestionnaireWithStoredAnswersCannotBeDeletedAnUnansweredOneCan() throws Exception {
		String author = Tokens.authorToken(port());
		IdType answered = created(send("POST", "Questionnaire", questionnaire(), author));
		IdType unanswered = created(send("POST", "Questionnaire", questionnaire(), author));
		Questionnaire withAnswers = read(Questionnaire.class, answered.getValue());
		fhir().create().resource(new QuestionnaireResponse()
				.setQuestionnaire(withAnswers.getUrl() + "|" + withAnswers.getVersion())
				.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS)
				.setSubject(new Reference("Patient/demo-patient"))).execute();

		HttpResponse<String> refused = send("DELETE", answered.getValue(), null, author);
		HttpResponse<String> allowed = send("DELETE", unanswered.getValue(), null, author);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
		assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
	}

	private static Questionnaire questionnaire() {
		Questionnaire questionnaire = new Questionnaire().setStatus(Enumerations.PublicationStatus.ACTIVE)
				.setUrl("http://example.org/q/answered-" + System.nanoTime()).setVersion("1");
		questionnaire.addItem().setLinkId("note").setText("Anything else?").setType(Questionnaire.QuestionnaireItemType.STRING);
		return questionnaire;
	}

	private void assertPegAnswerIsStored() {
		assertThat(fhir().create().resource(Answers.peg("demo-patient", 6, 5, 7)).execute().getCreated())
				.as("a PEG answer is still stored and scored").isTrue();
	}

	private <T extends Resource> T read(Class<T> type, String id) {
		return fhir().read().resource(type).withId(id).execute();
	}

	private static IdType created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return (IdType) FHIR.newJsonParser().parseResource(response.body()).getIdElement().toUnqualifiedVersionless();
	}

	private HttpResponse<String> send(String method, String path, Resource body, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(Tokens.base(port()) + "/fhir/" + path))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(body)))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/fhir+json")
				.header("Accept", "application/fhir+json")
				.header("Prefer", "return=representation")
				.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}
}

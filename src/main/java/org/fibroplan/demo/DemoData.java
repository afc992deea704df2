package org.fibroplan.demo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.fibroplan.demo.internal.DemoStory.DemoPatient;
import org.fibroplan.demo.internal.DemoStory.DemoResponse;
import org.fibroplan.demo.internal.DemoStory;
import org.fibroplan.demo.internal.ResponseForm;
import org.fibroplan.fhir.Definitions;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo story ({@code demo/demo-patients.json}): each demo Patient, then its answers, oldest
 * first, stored through HAPI's DAO like any app's answers, so the server's own hooks validate and score
 * them and draft the care plan. Nothing else is written here. A second run creates nothing: a Patient
 * that exists is kept as it is, and each response is a conditional create on its demo identifier.
 */
@Component
public class DemoData {

	public static final String MRN_SYSTEM = "urn:fibroplan:demo:mrn";
	/** Identifies each seeded response across runs (the key of the conditional create). */
	public static final String RESPONSE_IDENTIFIER_SYSTEM = "urn:fibroplan:demo:response";
	static final String STORY = "demo/demo-patients.json";

	/** What one run created; the rest of the story was there already (or, for a login patient, absent). */
	public record Seeded(int patientsCreated, int responsesCreated, int responsesAlreadyThere, int patientsSkipped) {}

	private final DaoRegistry daos;
	private final Definitions definitions;

	DemoData(DaoRegistry daos, Definitions definitions) {
		this.daos = daos;
		this.definitions = definitions;
	}

	/** Seeds the whole story; safe to call again, and one run at a time (start-up and a test could overlap). */
	public synchronized Seeded seed() {
		DemoStory story = readStory();
		Map<String, Questionnaire> questionnaires = new HashMap<>();
		// Whole minutes, two hours back: "0 weeks ago" is never in the future, whatever the clocks say.
		Instant today = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
		int patientsCreated = 0, created = 0, existing = 0, skipped = 0;
		for (DemoPatient patient : story.patients()) {
			boolean exists = exists(patient.id());
			if (patient.login() && !exists) {
				// A login patient comes from the demo identities; without them (external issuer) it has no history.
				skipped++;
				continue;
			}
			if (!exists) {
				daos.getResourceDao(Patient.class).update(patient(patient), new SystemRequestDetails());
				patientsCreated++;
			}
			for (DemoResponse answers : patient.responses()) {
				Questionnaire questionnaire = questionnaires.computeIfAbsent(answers.questionnaire(), this::questionnaire);
				QuestionnaireResponse response = response(patient.id(), answers, questionnaire, today);
				String key = RESPONSE_IDENTIFIER_SYSTEM + "|" + answers.key(patient.id());
				try {
					Boolean isNew = daos.getResourceDao(QuestionnaireResponse.class)
							.create(response, "identifier=" + key, new SystemRequestDetails()).getCreated();
					if (Boolean.TRUE.equals(isNew)) {
						created++;
					} else {
						existing++;
					}
				} catch (BaseServerResponseException e) {
					throw new IllegalStateException("Demo answers " + answers.key(patient.id()) + " were refused: " + reasons(e), e);
				}
			}
		}
		return new Seeded(patientsCreated, created, existing, skipped);
	}

	private static DemoStory readStory() {
		try (InputStream json = new ClassPathResource(STORY).getInputStream()) {
			return DemoStory.read(json);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + STORY, e);
		}
	}

	private boolean exists(String patientId) {
		try {
			daos.getResourceDao(Patient.class).read(new IdType("Patient", patientId), new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}

	private static Patient patient(DemoPatient demo) {
		Patient patient = new Patient();
		patient.setId("Patient/" + demo.id());
		patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(demo.mrn());
		patient.addName().setFamily(demo.family()).addGiven(demo.given()).setText(demo.given() + " " + demo.family());
		patient.setGender(AdministrativeGender.fromCode(demo.gender()));
		patient.setBirthDateElement(new DateType(demo.birthDate().toString()));
		return patient;
	}

	private static QuestionnaireResponse response(String patientId, DemoResponse answers, Questionnaire questionnaire, Instant today) {
		// A few minutes apart within a week, in the file's order, so "latest" is never a tie.
		Instant authored = today.minus(Duration.ofDays(7L * answers.weeksAgo())).plus(Duration.ofMinutes(3L * answers.orderInWeek()));
		QuestionnaireResponse response = new QuestionnaireResponse()
				.setQuestionnaire(answers.questionnaire())
				.setStatus(QuestionnaireResponseStatus.COMPLETED)
				.setSubject(new Reference("Patient/" + patientId))
				.setAuthored(Date.from(authored));
		response.getIdentifier().setSystem(RESPONSE_IDENTIFIER_SYSTEM).setValue(answers.key(patientId));
		try {
			ResponseForm.fill(response, questionnaire, answers.answers());
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("Demo answers " + answers.key(patientId) + ": " + e.getMessage(), e);
		}
		return response;
	}

	/** The stored Questionnaire the story names by url|version. */
	private Questionnaire questionnaire(String canonical) {
		return definitions.find(Questionnaire.class, canonical).orElseThrow(() -> new IllegalStateException("The demo story names " + canonical + ", which the server does not have"));
	}

	private static String reasons(BaseServerResponseException e) {
		if (e.getOperationOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()) {
			return outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
					.collect(Collectors.joining("; "));
		}
		return e.getMessage();
	}
}

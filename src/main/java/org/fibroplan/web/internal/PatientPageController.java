package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.fibroplan.web.internal.questionnaire.FormAnswers;
import org.fibroplan.web.internal.questionnaire.ItemErrors;
import org.fibroplan.web.internal.questionnaire.QuestionnaireForm;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patient's page: what matters this week, their trend, the questionnaires due, each drawn from its
 * Questionnaire and sent as a QuestionnaireResponse through the FHIR API with the patient's own token (the
 * path apps use), and the active plan in plain language; and the plan on its own, to print.
 */
@Controller
class PatientPageController {

	private final UserFhir fhir;
	private final PatientHome home;
	private final PatientPlans plans;
	private final ClinicContact clinic;

	PatientPageController(UserFhir fhir, PatientHome home, PatientPlans plans, ClinicContact clinic) {
		this.fhir = fhir;
		this.home = home;
		this.plans = plans;
		this.clinic = clinic;
	}

	@GetMapping("/app/patient")
	String home(Model model, Authentication authentication) {
		SignedInUser user = SignedInUser.of(authentication).orElseThrow();
		model.addAttribute("user", user);
		model.addAttribute("home", home.load(fhir.client(), user.patientId()));
		model.addAttribute("clinic", clinic);
		return "patient/home";
	}

	/** The active plan on paper: whose, printed when, approved by whom, and the clinic to call about it. */
	@GetMapping("/app/patient/plan")
	String printablePlan(Model model, Authentication authentication) {
		SignedInUser user = SignedInUser.of(authentication).orElseThrow();
		IGenericClient client = fhir.client();
		Patient patient = client.read().resource(Patient.class).withId(user.patientId()).execute();
		model.addAttribute("user", user);
		model.addAttribute("patientName", PatientNames.of(patient, user.patientId()));
		model.addAttribute("birthDate", patient.getBirthDate());
		model.addAttribute("plan", plans.active(client, user.patientId()));
		model.addAttribute("printed", new java.util.Date());
		model.addAttribute("clinic", clinic);
		return "patient/plan";
	}

	@GetMapping("/app/patient/questionnaires/{id}")
	String questionnaire(@PathVariable String id, Model model, Authentication authentication) {
		Questionnaire questionnaire = fhir.client().read().resource(Questionnaire.class).withId(Ids.checked(id)).execute();
		return page(model, authentication, questionnaire, QuestionnaireForm.of(questionnaire));
	}

	@PostMapping("/app/patient/questionnaires/{id}")
	String answer(@PathVariable String id, @RequestParam MultiValueMap<String, String> fields, Model model,
			Authentication authentication, HttpServletResponse response, RedirectAttributes redirect) {
		SignedInUser user = SignedInUser.of(authentication).orElseThrow();
		IGenericClient client = fhir.client();
		Questionnaire questionnaire = client.read().resource(Questionnaire.class).withId(Ids.checked(id)).execute();
		FormAnswers answers = FormAnswers.read(questionnaire, fields);
		if (answers.hasErrors()) {
			response.setStatus(422);
			return page(model, authentication, questionnaire, QuestionnaireForm.of(questionnaire, fields, answers.errors()));
		}
		QuestionnaireResponse sent = answers.toResponse("Patient/" + user.patientId(), Instant.now());
		try {
			client.create().resource(sent).execute();
		} catch (UnprocessableEntityException e) {
			response.setStatus(422);
			ItemErrors errors = e.getOperationOutcome() instanceof OperationOutcome outcome
					? ItemErrors.fromOutcome(outcome, sent) : ItemErrors.none();
			model.addAttribute("serverMessage", errors.isEmpty() ? RefusalText.of(e) : null);
			return page(model, authentication, questionnaire, QuestionnaireForm.of(questionnaire, fields, errors));
		} catch (BaseServerResponseException e) {
			response.setStatus(e.getStatusCode() >= 400 && e.getStatusCode() < 600 ? e.getStatusCode() : 500);
			model.addAttribute("serverMessage", RefusalText.of(e));
			return page(model, authentication, questionnaire, QuestionnaireForm.of(questionnaire, fields, ItemErrors.none()));
		}
		redirect.addFlashAttribute("answered", questionnaire.hasTitle() ? questionnaire.getTitle() : questionnaire.getName());
		return "redirect:/app/patient";
	}

	private String page(Model model, Authentication authentication, Questionnaire questionnaire, QuestionnaireForm form) {
		model.addAttribute("user", SignedInUser.of(authentication).orElseThrow());
		model.addAttribute("questionnaireId", questionnaire.getIdElement().getIdPart());
		model.addAttribute("q", form);
		return "patient/answer";
	}
}

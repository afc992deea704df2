package org.fibroplan.web.internal;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The clinician workspace beyond the panel: patient view, plan edits and approval, red-flag reviews, delivery retries. */
@Controller
class WorkspaceController {

	private final UserFhir fhir;
	private final PatientViews patients;
	private final PlanEdits edits;
	private final DeliveryNotices delivery;
	private final FlagReviews flagReviews;

	WorkspaceController(UserFhir fhir, PatientViews patients, PlanEdits edits, DeliveryNotices delivery, FlagReviews flagReviews) {
		this.fhir = fhir;
		this.patients = patients;
		this.edits = edits;
		this.delivery = delivery;
		this.flagReviews = flagReviews;
	}

	/** Where on the page an edit was made (an element id the page draws), so the page comes back there. */
	private static final java.util.regex.Pattern PLACE = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,99}");

	@GetMapping("/app/patients/{patientId}")
	String patient(@PathVariable String patientId, Model model, Authentication user) {
		model.addAttribute("user", SignedInUser.of(user).orElseThrow());
		model.addAttribute("view", patients.load(fhir.client(), Ids.checked(patientId)));
		model.addAttribute("delivery", delivery);
		return "patient";
	}

	@PostMapping("/app/patients/{patientId}/plan/{planId}")
	String editPlan(@PathVariable String patientId, @PathVariable String planId,
			@RequestParam String action, @RequestParam String version,
			@RequestParam(required = false) String activity, @RequestParam(required = false) String dose,
			@RequestParam(required = false) String definition, @RequestParam(required = false) String note,
			@RequestParam(required = false) String instruction, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String confirmed, @RequestParam(required = false) String place,
			Authentication user, RedirectAttributes redirect) {
		String plan = Ids.checked(planId);
		var client = fhir.client();
		PlanEdits.Outcome outcome = switch (action) {
			case "remove" -> edits.removeActivity(client, plan, version, activity, reason, SignedInUser.of(user).orElseThrow().fhirUser());
			case "dose" -> edits.changeDose(client, plan, version, activity, dose, instruction == null ? "" : instruction);
			case "add" -> edits.addActivity(client, plan, version, Ids.checked(definition), reason);
			case "note" -> edits.addNote(client, plan, version, note, SignedInUser.of(user).orElseThrow().fhirUser());
			// approval only from its preview, where the clinician has seen what the patient will read
			case "approve" -> "yes".equals(confirmed) ? edits.approve(client, plan, version)
					: PlanEdits.Outcome.refused("approve from the preview (Review and approve), after reading what the patient will read.");
			default -> PlanEdits.Outcome.refused("unknown action " + action);
		};
		redirect.addFlashAttribute("outcome", outcome);
		return back(patientId, place, redirect);
	}

	/** To the patient's page, at the place of the edit when it names one. */
	private static String back(String patientId, String place, RedirectAttributes redirect) {
		if (place != null && PLACE.matcher(place).matches()) {
			redirect.addFlashAttribute("place", place);
			return "redirect:/app/patients/" + Ids.checked(patientId) + "#" + place;
		}
		return "redirect:/app/patients/" + Ids.checked(patientId);
	}

	/** A red flag acknowledged and closed with what was decided (outcome and note, both required). */
	@PostMapping("/app/patients/{patientId}/flags/{flagId}")
	String reviewFlag(@PathVariable String patientId, @PathVariable String flagId, @RequestParam String version,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
			@RequestParam(required = false) String place, RedirectAttributes redirect) {
		redirect.addFlashAttribute("outcome", flagReviews.review(fhir.client(), Ids.checked(flagId), version, outcome, note));
		return back(patientId, place, redirect);
	}

	@PostMapping("/app/patients/{patientId}/goals/{goalId}")
	String editGoal(@PathVariable String patientId, @PathVariable String goalId, @RequestParam String version,
			@RequestParam String description, @RequestParam(required = false) String place, RedirectAttributes redirect) {
		redirect.addFlashAttribute("outcome", edits.editGoal(fhir.client(), Ids.checked(goalId), version, description));
		return back(patientId, place, redirect);
	}

	@PostMapping("/app/patients/{patientId}/deliveries/{taskId}/retry")
	String retry(@PathVariable String patientId, @PathVariable String taskId, RedirectAttributes redirect) {
		redirect.addFlashAttribute("outcome", edits.retryDelivery(fhir.client(), Ids.checked(taskId)));
		return back(patientId, "deliveries", redirect);
	}
}

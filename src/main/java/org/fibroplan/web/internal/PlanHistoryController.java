package org.fibroplan.web.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** A plan's past and the look before approval: the history of versions, the difference of two, the approval preview. */
@Controller
class PlanHistoryController {

	private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("[0-9]{1,9}");

	private final UserFhir fhir;
	private final PlanHistory history;
	private final ApprovalPreviews previews;
	private final DeliveryNotices delivery;
	private final ClinicContact clinic;

	PlanHistoryController(UserFhir fhir, PlanHistory history, ApprovalPreviews previews, DeliveryNotices delivery, ClinicContact clinic) {
		this.fhir = fhir;
		this.history = history;
		this.previews = previews;
		this.delivery = delivery;
		this.clinic = clinic;
	}

	@GetMapping("/app/patients/{patientId}/plans/{planId}/history")
	String history(@PathVariable String patientId, @PathVariable String planId, @RequestParam(required = false) String before,
			Model model, Authentication user) {
		model.addAttribute("user", SignedInUser.of(user).orElseThrow());
		model.addAttribute("page", history.load(fhir.client(), Ids.checked(patientId), Ids.checked(planId), instant(before)));
		return "plan-history";
	}

	@GetMapping("/app/patients/{patientId}/plans/{planId}/compare")
	String compare(@PathVariable String patientId, @PathVariable String planId, @RequestParam String from, @RequestParam String to,
			Model model, Authentication user) {
		model.addAttribute("user", SignedInUser.of(user).orElseThrow());
		model.addAttribute("comparison", history.compare(fhir.client(), Ids.checked(patientId), Ids.checked(planId), version(from), version(to)));
		return "plan-compare";
	}

	@GetMapping("/app/patients/{patientId}/plan/{planId}/approval")
	String approval(@PathVariable String patientId, @PathVariable String planId, @RequestParam(required = false) String version,
			Model model, Authentication user) {
		SignedInUser signedIn = SignedInUser.of(user).orElseThrow();
		model.addAttribute("user", signedIn);
		model.addAttribute("preview", previews.load(fhir.client(), Ids.checked(patientId), Ids.checked(planId), version == null ? null : version(version),
				signedIn.name()));
		model.addAttribute("delivery", delivery);
		model.addAttribute("clinic", clinic);
		return "plan-approval";
	}

	private static String version(String value) {
		if (value == null || !VERSION.matcher(value).matches()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A plan version is a number: " + value);
		}
		return value;
	}

	private static Instant instant(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value);
		} catch (DateTimeParseException e) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not a point in time: " + value);
		}
	}
}

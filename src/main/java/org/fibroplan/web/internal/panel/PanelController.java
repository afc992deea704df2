package org.fibroplan.web.internal.panel;

import org.fibroplan.web.internal.SignedInUser;
import org.fibroplan.web.internal.UserFhir;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The clinician's panel at /app: the work queue first, every patient below it. */
@Controller
class PanelController {

	private final UserFhir fhir;
	private final WorkQueue queue;
	private final PatientSearch patients;

	PanelController(UserFhir fhir, WorkQueue queue, PatientSearch patients) {
		this.fhir = fhir;
		this.queue = queue;
		this.patients = patients;
	}

	@GetMapping("/app")
	String panel(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "" + PanelQuery.DEFAULT_SIZE) int size,
			@RequestParam(name = "q", defaultValue = "") String search, @RequestParam(name = "patients", defaultValue = "1") int patientsPage,
			Model model, Authentication user) {
		PanelQuery query = PanelQuery.of(page, size, search, patientsPage);
		var client = fhir.client();
		model.addAttribute("user", SignedInUser.of(user).orElseThrow());
		model.addAttribute("query", query);
		model.addAttribute("queue", queue.page(client, query.page(), query.size()));
		model.addAttribute("patients", patients.find(client, query.search(), query.patientsPage(), query.size()));
		return "panel/panel";
	}
}

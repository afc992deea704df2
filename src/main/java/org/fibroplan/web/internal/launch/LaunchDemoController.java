package org.fibroplan.web.internal.launch;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.fibroplan.security.SmartLaunches;
import org.fibroplan.web.internal.Ids;
import org.fibroplan.web.internal.PatientNames;
import org.fibroplan.web.internal.SignedInUser;
import org.fibroplan.web.internal.UserFhir;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /app/launch-demo}: FibroPlan playing the EHR, for trying the SMART EHR launch. A clinician
 * chooses a patient and an app; the page issues a launch for that patient and that clinician (as an EHR
 * would) and opens the app's launch URL with {@code iss} and {@code launch}. Patients are those the
 * clinician can read through the FHIR API; {@code ?patient=} preselects one (a CDS card's appContext).
 */
@Controller
class LaunchDemoController {

	/** A SMART app registered with this "EHR": its name and launch URL. */
	record LaunchApp(String id, String name, String launchUrl) {}

	record PatientChoice(String id, String name) {}

	private static final String WORKSPACE = "fibroplan-workspace";
	private static final int LISTED = 100;

	private final UserFhir fhir;
	private final ObjectProvider<SmartLaunches> launches;
	private final String configuredFhirBase;

	LaunchDemoController(UserFhir fhir, ObjectProvider<SmartLaunches> launches, @Value("${fibroplan.web.fhir-base-url:}") String configuredFhirBase) {
		this.fhir = fhir;
		this.launches = launches;
		this.configuredFhirBase = configuredFhirBase;
	}

	@GetMapping("/app/launch-demo")
	String page(@RequestParam(required = false) String patient, Model model, Authentication user) {
		var client = fhir.client();
		List<PatientChoice> patients = new java.util.ArrayList<>(client.search().forResource(Patient.class)
				.sort().ascending(Patient.FAMILY).sort().ascending(Patient.GIVEN).count(LISTED).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (Patient) e.getResource())
				.map(p -> new PatientChoice(p.getIdElement().getIdPart(), PatientNames.of(p, p.getIdElement().getIdPart()))).toList());
		String chosen = patient == null ? null : Ids.checked(patient);
		if (chosen != null && patients.stream().noneMatch(p -> p.id().equals(chosen))) {
			patients.add(0, choice(client.read().resource(Patient.class).withId(chosen).execute()));
		}
		model.addAttribute("user", SignedInUser.of(user).orElseThrow());
		model.addAttribute("patients", patients);
		model.addAttribute("chosen", chosen);
		model.addAttribute("apps", apps());
		model.addAttribute("available", launches.getIfAvailable() != null);
		return "launch/launch-demo";
	}

	@PostMapping("/app/launch-demo")
	String launch(@RequestParam String patient, @RequestParam String app, Authentication user) {
		SmartLaunches issuer = launches.getIfAvailable();
		if (issuer == null) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "EHR launches come from the embedded authorization server, which is off here.");
		}
		LaunchApp chosen = apps().stream().filter(a -> a.id().equals(app)).findFirst()
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not a registered app: " + app));
		String patientId = Ids.checked(patient);
		try {
			// read through the clinician's own token: a launch only for a record they may open
			fhir.client().read().resource(Patient.class).withId(patientId).execute();
		} catch (ResourceNotFoundException e) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No patient " + patientId + ".");
		}
		String token = issuer.issue(patientId, SignedInUser.of(user).orElseThrow().name());
		return "redirect:" + UriComponentsBuilder.fromUriString(chosen.launchUrl())
				.queryParam("iss", fhirBase()).queryParam("launch", token).build().encode().toUriString();
	}

	private List<LaunchApp> apps() {
		String base = fhirBase().substring(0, fhirBase().length() - "/fhir".length());
		return List.of(new LaunchApp(WORKSPACE, "FibroPlan clinician workspace", base + SmartLaunchController.PATH));
	}

	private String fhirBase() {
		return configuredFhirBase.isBlank() ? SmartLaunchController.ownFhirBase() : configuredFhirBase.replaceAll("/$", "");
	}

	private static PatientChoice choice(Patient p) {
		return new PatientChoice(p.getIdElement().getIdPart(), PatientNames.of(p, p.getIdElement().getIdPart()));
	}
}

package org.fibroplan.web.internal.launch;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The workspace's SMART launch URL, {@code /app/smart/launch?iss=...&launch=...}: where an EHR (or the
 * demo launcher, or a CDS Hooks card's link) opens FibroPlan for a patient. It trusts only its own FHIR
 * server as {@code iss} (the workspace reads and writes through that API), then signs in through
 * registration {@value EhrLaunchSignIn#REGISTRATION} with the launch, landing on the launch's patient.
 */
@Controller
class SmartLaunchController {

	/** The path an EHR registers as FibroPlan's launch URL. */
	static final String PATH = "/app/smart/launch";

	private final String configuredFhirBase;

	SmartLaunchController(@Value("${fibroplan.web.fhir-base-url:}") String configuredFhirBase) {
		this.configuredFhirBase = configuredFhirBase;
	}

	@GetMapping(PATH)
	ModelAndView launch(@RequestParam(required = false) String iss, @RequestParam(required = false) String launch) {
		String fhirBase = configuredFhirBase.isBlank() ? ownFhirBase() : configuredFhirBase;
		if (iss == null || !stripSlash(iss).equals(stripSlash(fhirBase))) {
			return refused("FibroPlan opens only from its own FHIR server (iss " + fhirBase + "), not from "
					+ (iss == null ? "no iss" : iss) + ".");
		}
		if (!EhrLaunchSignIn.wellFormed(launch)) {
			return refused("The EHR sent no usable launch parameter.");
		}
		return new ModelAndView("redirect:" + UriComponentsBuilder.fromPath("/oauth2/authorization/" + EhrLaunchSignIn.REGISTRATION)
				.queryParam(EhrLaunchSignIn.LAUNCH, launch).build().toUriString());
	}

	/** The error page with the reason: the person in front of the EHR learns why nothing opened. */
	private static ModelAndView refused(String why) {
		ModelAndView page = new ModelAndView("error", HttpStatus.BAD_REQUEST);
		page.addObject("status", HttpStatus.BAD_REQUEST.value());
		page.addObject("error", "FibroPlan could not be opened from the EHR");
		page.addObject("message", why);
		return page;
	}

	/** This server's FHIR base as the current request reaches it. */
	static String ownFhirBase() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().replaceQuery(null).path("/fhir").build().toUriString();
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}

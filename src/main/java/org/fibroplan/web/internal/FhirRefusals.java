package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * When the FHIR API refuses what a page asked for (no such patient, not allowed), the page says so with
 * the API's status and its OperationOutcome's words, rather than a generic server error.
 */
@ControllerAdvice(basePackageClasses = FhirRefusals.class)
class FhirRefusals {

	@ExceptionHandler(BaseServerResponseException.class)
	ModelAndView refused(BaseServerResponseException refusal, HttpServletResponse response) {
		int status = refusal.getStatusCode() >= 400 && refusal.getStatusCode() < 600 ? refusal.getStatusCode() : 502;
		if (status == 503) {
			// the FHIR API is not ready yet (starting) or any more (stopping): the page says try again, as the API does
			response.setHeader("Retry-After", "5");
			ModelAndView page = new ModelAndView("error", HttpStatusCode.valueOf(status));
			page.addObject("status", status);
			page.addObject("error", "FibroPlan is starting");
			page.addObject("message", "Please try again in a few seconds.");
			return page;
		}
		ModelAndView page = new ModelAndView("error", HttpStatusCode.valueOf(status));
		page.addObject("status", status);
		page.addObject("error", status == 404 ? "Not found" : status == 403 ? "Not allowed" : "The FHIR server refused the request");
		page.addObject("message", RefusalText.of(refusal));
		page.addObject("details", RefusalText.details(refusal));
		return page;
	}
}

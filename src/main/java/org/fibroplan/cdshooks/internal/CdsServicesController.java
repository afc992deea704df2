package org.fibroplan.cdshooks.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Task;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The CDS Hooks 2.0 endpoints: discovery, the {@value #SERVICE} service and its feedback. Every call
 * but discovery carries the EHR's signed JWT ({@link CdsClientJwts}); a refusal is a 401 with a JSON
 * error, a malformed request a 400, never a half answer.
 */
@RestController
class CdsServicesController {

	static final String SERVICE = "fibroplan-patient-view";
	static final String BASE = "/cds-services";
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
	private static final String TASK_PREFETCH = "reviewTask";

	private final CdsClientJwts jwts;
	private final PatientViewCards cards;
	private final ReviewTaskStore store;
	private final CardFeedback feedback;
	private final CdsHooksProperties properties;
	private final FhirContext fhir = FhirContext.forR4Cached();

	CdsServicesController(CdsClientJwts jwts, PatientViewCards cards, ReviewTaskStore store, CardFeedback feedback, CdsHooksProperties properties) {
		this.jwts = jwts;
		this.cards = cards;
		this.store = store;
		this.feedback = feedback;
		this.properties = properties;
	}

	@GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> discovery() {
		Map<String, Object> service = new LinkedHashMap<>();
		service.put("hook", "patient-view");
		service.put("id", SERVICE);
		service.put("title", "FibroPlan care plan review");
		service.put("description", "Whether this patient's fibromyalgia care plan needs a clinician now: an active red flag, "
				+ "deterioration against baseline, or a draft plan awaiting review, from FibroPlan's work queue.");
		service.put("prefetch", Map.of(
				TASK_PREFETCH, "Task?code=" + FhirTerms.PLAN_EVENT + "|" + ReviewTaskStore.REVIEW_CODE + "&status=requested&patient={{context.patientId}}",
				"patient", "Patient/{{context.patientId}}"));
		service.put("usageRequirements", "Calls are signed JWTs of an EHR configured in fibroplan.cds-hooks.clients.");
		return Map.of("services", List.of(service));
	}

	@PostMapping(path = BASE + "/" + SERVICE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> patientView(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody(required = false) JsonNode body, HttpServletRequest request) {
		try {
			jwts.verify(authorization, Set.of(serviceUrl()));
		} catch (CdsClientJwts.Refused refused) {
			return unauthorized(refused.getMessage());
		}
		if (body == null || !body.isObject()) {
			return badRequest("The body must be a CDS Hooks request (JSON object)");
		}
		if (body.hasNonNull("hook") && !"patient-view".equals(body.path("hook").asText())) {
			return badRequest("This service answers hook patient-view, not " + body.path("hook").asText());
		}
		String patientId = body.path("context").path("patientId").asText(null);
		if (patientId == null || !FHIR_ID.matcher(patientId).matches()) {
			return badRequest("context.patientId must be a FHIR Patient id");
		}
		Optional<Task> open;
		try {
			open = prefetched(body.path("prefetch").path(TASK_PREFETCH), patientId).orElseGet(() -> store.openReview(patientId));
		} catch (DataFormatException e) {
			return badRequest("prefetch." + TASK_PREFETCH + " is not a FHIR Bundle: " + e.getMessage());
		}
		String workspace = baseUrl() + "/app";
		return ResponseEntity.ok(Map.of("cards", cards.cards(patientId, open, baseUrl() + "/app/smart/launch", workspace)));
	}

	@PostMapping(path = BASE + "/" + SERVICE + "/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> feedback(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody(required = false) JsonNode body) {
		JWTClaimsSet caller;
		try {
			caller = jwts.verify(authorization, Set.of(serviceUrl(), serviceUrl() + "/feedback"));
		} catch (CdsClientJwts.Refused refused) {
			return unauthorized(refused.getMessage());
		}
		try {
			feedback.record(caller.getIssuer(), body);
		} catch (IllegalArgumentException invalid) {
			return badRequest(invalid.getMessage());
		}
		return ResponseEntity.ok(Map.of());
	}

	/**
	 * The EHR's prefetched search for the open review: a searchset Bundle, its Task used only if it is
	 * this patient's open clinician review. Empty when nothing (or null) was prefetched: FibroPlan reads
	 * its own store then.
	 */
	private Optional<Optional<Task>> prefetched(JsonNode prefetch, String patientId) {
		if (prefetch.isMissingNode() || prefetch.isNull()) {
			return Optional.empty();
		}
		Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, prefetch.toString());
		return Optional.of(bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Task.class::isInstance).map(Task.class::cast)
				.filter(t -> t.getStatus() == Task.TaskStatus.REQUESTED
						&& ("Patient/" + patientId).equals(t.getFor().getReference())
						&& t.getCode().getCoding().stream().anyMatch(c -> FhirTerms.PLAN_EVENT.equals(c.getSystem())
								&& ReviewTaskStore.REVIEW_CODE.equals(c.getCode())))
				.findFirst());
	}

	private String serviceUrl() {
		return baseUrl() + BASE + "/" + SERVICE;
	}

	private String baseUrl() {
		return properties.serviceBaseUrl().isBlank()
				? ServletUriComponentsBuilder.fromCurrentContextPath().replaceQuery(null).build().toUriString()
				: properties.serviceBaseUrl().replaceAll("/$", "");
	}

	private static ResponseEntity<Map<String, String>> unauthorized(String why) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("error", "invalid_token", "error_description", why));
	}

	private static ResponseEntity<Map<String, String>> badRequest(String why) {
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("error", "invalid_request", "error_description", why));
	}
}

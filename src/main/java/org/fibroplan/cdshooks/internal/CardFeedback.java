package org.fibroplan.cdshooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.fibroplan.audit.AuditRecords;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * What an EHR tells FibroPlan about its cards (CDS Hooks feedback: accepted or overridden, and why), on
 * record as one AuditEvent per card: who (the EHR, by its JWT issuer), which card, what outcome.
 */
@Component
class CardFeedback {

	private static final Set<String> OUTCOMES = Set.of("accepted", "overridden");
	private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
	private static final String DICOM = "http://dicom.nema.org/resources/ossdcm/DCM";

	private final AuditRecords audit;

	CardFeedback(AuditRecords audit) {
		this.audit = audit;
	}

	/** Checks every entry before recording any: a bad entry records nothing. */
	void record(String ehr, JsonNode body) {
		JsonNode entries = body == null ? null : body.path("feedback");
		if (entries == null || !entries.isArray() || entries.isEmpty()) {
			throw new IllegalArgumentException("The body must hold feedback: a non-empty array");
		}
		List<AuditEvent> events = new ArrayList<>();
		for (JsonNode entry : entries) {
			String card = entry.path("card").asText("");
			String outcome = entry.path("outcome").asText("");
			if (!UUID.matcher(card).matches()) {
				throw new IllegalArgumentException("feedback[].card must be the uuid of a card");
			}
			if (!OUTCOMES.contains(outcome)) {
				throw new IllegalArgumentException("feedback[].outcome must be accepted or overridden");
			}
			events.add(event(ehr, card, outcome, entry.path("overrideReason").path("reason").path("display").asText(null),
					entry.path("overrideReason").path("userComment").asText(null)));
		}
		events.forEach(audit::record);
	}

	private static AuditEvent event(String ehr, String card, String outcome, String reason, String comment) {
		AuditEvent event = new AuditEvent();
		event.setType(new Coding(DICOM, "110100", "Application Activity"));
		event.setAction(AuditEvent.AuditEventAction.C);
		event.setRecorded(new Date());
		event.setOutcome(AuditEvent.AuditEventOutcome._0);
		event.setOutcomeDesc("CDS Hooks card " + outcome + (reason == null ? "" : ": " + reason) + (comment == null ? "" : " (" + comment + ")"));
		event.addAgent().setRequestor(true)
				.setType(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(DICOM, "110150", "Application")))
				.setWho(new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:7519:iss").setValue(ehr)).setDisplay(ehr));
		event.getSource().setObserver(new Reference().setDisplay("FibroPlan CDS Hooks service " + CdsServicesController.SERVICE));
		event.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + card)))
				.setName("CDS Hooks card").addDetail().setType("outcome").setValue(new org.hl7.fhir.r4.model.StringType(outcome));
		return event;
	}
}

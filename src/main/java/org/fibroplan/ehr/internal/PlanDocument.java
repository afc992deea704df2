package org.fibroplan.ehr.internal;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * An approved plan as a document, for EHRs that take documents but not CarePlan writes (Epic, Oracle
 * Health): a DocumentReference of LOINC type "Plan of care note" holding the plan's narrative as an HTML
 * page, keyed by the plan version so a resend is recognised, and replacing the previous version's document.
 */
final class PlanDocument {

	static final Coding PLAN_OF_CARE_NOTE = new Coding(FhirTerms.LOINC, "18776-5", "Plan of care note");

	private PlanDocument() {}

	/** The key of one version's document in the EHR. */
	static Identifier identifier(CarePlan plan) {
		return new Identifier().setSystem(DeliveryKeys.SYSTEM).setValue(DeliveryKeys.version(plan) + "-document");
	}

	/**
	 * @param plan the approved plan as stored, with its narrative
	 * @param ehrPatient the patient as the EHR knows them (Patient/{EHR id})
	 * @param replaces the EHR's DocumentReference of the previous approved version, or null
	 */
	static DocumentReference build(CarePlan plan, String ehrPatient, String replaces) {
		DocumentReference document = new DocumentReference();
		document.addIdentifier(identifier(plan));
		document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
		document.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
		document.setType(new CodeableConcept(PLAN_OF_CARE_NOTE.copy()).setText("Fibromyalgia care plan"));
		document.addCategory(new CodeableConcept(new Coding("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category",
				"clinical-note", "Clinical Note")));
		document.setSubject(new Reference(ehrPatient));
		document.setDate(new Date());
		document.addAuthor(new Reference().setDisplay(plan.getAuthor().hasDisplay() ? plan.getAuthor().getDisplay()
				: "Approved in FibroPlan by " + plan.getAuthor().getReference()));
		document.setDescription(plan.getTitle() == null ? "Care plan" : plan.getTitle());
		if (replaces != null) {
			document.addRelatesTo().setCode(DocumentReference.DocumentRelationshipType.REPLACES).setTarget(new Reference(replaces));
		}
		String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
				+ (plan.getTitle() == null ? "Care plan" : plan.getTitle()) + "</title></head><body>"
				+ plan.getText().getDivAsString() + "</body></html>";
		document.addContent().setAttachment(new Attachment()
				.setContentType("text/html")
				.setLanguage("en")
				.setTitle(plan.getTitle())
				.setCreation(plan.getPeriod().getStart())
				.setData(html.getBytes(StandardCharsets.UTF_8)));
		if (plan.getPeriod().hasStart()) {
			document.getContext().getPeriod().setStart(plan.getPeriod().getStart());
		}
		return document;
	}
}

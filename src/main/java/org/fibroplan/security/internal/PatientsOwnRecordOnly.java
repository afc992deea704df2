package org.fibroplan.security.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.util.FhirTerser;
import org.fibroplan.security.SmartAccess;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * The last word before anything is shown to a patient: every resource of a type in the Patient
 * compartment must be in theirs, or the request (or the batch entry) is refused with 403. HAPI judges a
 * read by the resource it returns, but the reads inside a batch Bundle are sub-requests its request-level
 * rules never see; this sits on HAPI's global registry so it sees them all. The server's own reads
 * (SystemRequestDetails) are not a patient looking.
 */
@Interceptor
class PatientsOwnRecordOnly {

	private final PatientReach patientReach;

	PatientsOwnRecordOnly(PatientReach patientReach) {
		this.patientReach = patientReach;
	}

	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void beforeShowing(IPreResourceShowDetails shown, RequestDetails request) {
		if (request == null || request instanceof SystemRequestDetails) {
			return;
		}
		SmartAccess access = SmartAccess.current().orElse(null);
		if (access == null || !access.isPatientContext() || access.patient() == null) {
			return;
		}
		IdType self = new IdType("Patient", access.patient());
		FhirTerser terser = request.getFhirContext().newTerser();
		for (int i = 0; i < shown.size(); i++) {
			IBaseResource resource = shown.getResource(i);
			if (resource != null && patientReach.isCompartmentType(resource.fhirType()) && !isOwn(terser, resource, self)) {
				throw SmartRequestChecks.forbidden("A patient's token reaches only their own record.");
			}
		}
	}

	private static boolean isOwn(FhirTerser terser, IBaseResource resource, IdType self) {
		if ("Patient".equals(resource.fhirType())) {
			return self.getIdPart().equals(resource.getIdElement().getIdPart());
		}
		return terser.isSourceInCompartmentForTarget("Patient", resource, self);
	}
}

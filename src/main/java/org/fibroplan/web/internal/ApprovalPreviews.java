package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ca.uhn.fhir.model.api.Include;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * The page between "approve" and approval: what the patient will read once the plan is approved, what it
 * changes against the plan they follow now, the red flags that stand, and where the plan goes next — so
 * that a clinician approves what they have seen, and the version they saw (If-Match on it).
 */
@Component
class ApprovalPreviews {

	private final PatientPlans patientPlans;
	private final ClinicalNames names;
	private final ClinicianOnlyActivities clinicianOnly;

	ApprovalPreviews(PatientPlans patientPlans, ClinicalNames names, ClinicianOnlyActivities clinicianOnly) {
		this.patientPlans = patientPlans;
		this.names = names;
		this.clinicianOnly = clinicianOnly;
	}

	/**
	 * {@code changedSinceOpened}: the plan is no longer the version the clinician was looking at (new answers,
	 * a colleague's edit); the preview shows the current one, which is what the confirmation approves.
	 * {@code againstActive} is null for a patient's first plan.
	 */
	record Preview(String patientId, String patientName, String planId, String version, boolean draft, boolean changedSinceOpened,
			PatientPlan asRead, PlanDifference againstActive, List<String> redFlags) {}

	Preview load(IGenericClient fhir, String patientId, String planId, String openedVersion, String approver) {
		Patient patient = fhir.read().resource(Patient.class).withId(patientId).execute();
		// the plan with its goals and referrals, as the patient's page reads the approved one
		List<Resource> found = fhir.search().forResource(CarePlan.class).where(CarePlan.RES_ID.exactly().code(planId))
				.include(CarePlan.INCLUDE_GOAL).include(new Include("CarePlan:activity-reference"))
				.returnBundle(Bundle.class).execute().getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
		CarePlan plan = found.stream().filter(CarePlan.class::isInstance).map(CarePlan.class::cast).findFirst()
				.orElseThrow(() -> new ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException("CarePlan/" + planId + " is not known"));
		PatientPlans.Included included = PatientPlans.Included.of(found);
		if (!("Patient/" + patientId).equals(plan.getSubject().getReference())) {
			throw new ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException("This plan is not " + patientId + "'s");
		}
		String version = plan.getIdElement().getVersionIdPart();
		CarePlan active = fhir.search().forResource(CarePlan.class).where(CarePlan.SUBJECT.hasId("Patient/" + patientId))
				.and(CarePlan.STATUS.exactly().code("active")).count(10).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (CarePlan) e.getResource())
				.max(Comparator.comparing(p -> p.getMeta().getLastUpdated())).orElse(null);
		List<String> redFlags = fhir.search().forResource(Flag.class).where(Flag.PATIENT.hasId("Patient/" + patientId))
				.count(50).returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Flag) e.getResource())
				.filter(f -> f.getStatus() == Flag.FlagStatus.ACTIVE).map(f -> names.of(f.getCode())).distinct().toList();
		PlanReading reading = new PlanReading(names, clinicianOnly, ref -> null, Map.of());
		return new Preview(patientId, PatientNames.of(patient, patientId), planId, version, plan.getStatus() == CarePlan.CarePlanStatus.DRAFT,
				openedVersion != null && !openedVersion.equals(version),
				patientPlans.asRead(fhir, plan, included.referrals(), included.goals(), new java.util.Date(), approver),
				active == null || active.getIdElement().getIdPart().equals(planId) ? null : PlanDifference.between(active, plan, reading),
				redFlags);
	}
}

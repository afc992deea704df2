package org.fibroplan.web.internal;

import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * What reading a plan's activities takes beyond the plan itself: the names of codes, the answers its
 * reasons point at (in words), the stored referrals its activities point at, and which activities are
 * for the clinician only.
 */
record PlanReading(ClinicalNames names, ClinicianOnlyActivities clinicianOnly, Function<String, String> describe,
		Map<String, ServiceRequest> referrals) {}

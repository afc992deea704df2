package org.fibroplan.careplan.internal.drafting;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Optional;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.security.SmartAccess;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Narrative;
import org.springframework.stereotype.Component;

/**
 * A patient's own app reads their plan without the tasks meant for the clinician (assess mood further),
 * as the narrative and the patient page already do: the activity is taken out of what is shown, and the
 * plan carries the security label REDACTED so the app knows something was withheld; a generated narrative
 * is written again from what is left (plans stored before the narrative left those tasks out). Clinicians, system
 * clients and the EHR see the plan whole.
 */
@Component
@Interceptor
public class ClinicianTasksOffPatientReads {

	/** HL7's label for a resource shown with some of its content withheld. */
	static final Coding REDACTED = new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "REDACTED", "redacted");

	private final CarePlanKnowledge knowledge;
	private final PatientRecordLoader records;

	public ClinicianTasksOffPatientReads(CarePlanKnowledge knowledge, PatientRecordLoader records) {
		this.knowledge = knowledge;
		this.records = records;
	}

	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void beforeShowing(IPreResourceShowDetails shown, RequestDetails request) {
		if (request == null || request instanceof SystemRequestDetails
				|| !SmartAccess.current().map(SmartAccess::isPatientContext).orElse(false)) {
			return;
		}
		CarePlanKnowledge.Knowledge current = null;
		for (int i = 0; i < shown.size(); i++) {
			if (shown.getResource(i) instanceof CarePlan plan) {
				current = current == null ? knowledge.current() : current;
				CarePlan withheld = withoutClinicianTasks(plan, current);
				if (withheld != plan) {
					// a plan stored before its narrative left the clinician's tasks out gets it written again
					if (withheld.getText().getStatus() == Narrative.NarrativeStatus.GENERATED) {
						PlanNarrative.write(withheld, current, PlanNarrative.contained(withheld, records::resolve));
					}
					shown.setResource(i, withheld);
				}
			}
		}
	}

	/** The plan itself when it holds no task for the clinician, else a copy without them. */
	static CarePlan withoutClinicianTasks(CarePlan plan, CarePlanKnowledge.Knowledge knowledge) {
		PlanNarrative.Resolver resolver = PlanNarrative.contained(plan, reference -> Optional.empty());
		if (plan.getActivity().stream().noneMatch(a -> PlanNarrative.forClinicianOnly(a, knowledge, resolver))) {
			return plan;
		}
		CarePlan copy = plan.copy();
		PlanNarrative.Resolver copyResolver = PlanNarrative.contained(copy, reference -> Optional.empty());
		copy.getActivity().removeIf(a -> PlanNarrative.forClinicianOnly(a, knowledge, copyResolver));
		copy.getMeta().addSecurity(REDACTED.copy());
		return copy;
	}
}

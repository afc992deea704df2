package org.fibroplan.ehr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import testsupport.ehr.EhrSandbox;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fhir-mode transaction against a real, independent HAPI FHIR JPA server standing in for the EHR:
 * the plan lands for the right patient (found by MRN), and sending it twice leaves one of each.
 */
class PlanTransactionToEhrIT {

	static IGenericClient ehr;

	@BeforeAll
	static void ehrIsRunning() {
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		ehr = fhir.newRestfulGenericClient(EhrSandbox.start());
	}

	@Test
	void theEhrHoldsOnePlanWithItsGoalReferralAndProvenanceForThePatientItKnowsByMrnEvenWhenSentTwice() {
		String mrn = "mrn-" + System.nanoTime();
		String ehrPatient = ehr.create().resource(new Patient().addIdentifier(new org.hl7.fhir.r4.model.Identifier()
				.setSystem(PlanTransactionTest.MRN).setValue(mrn))).execute().getId().toUnqualifiedVersionless().getValue();
		PlanTransaction.Plan plan = PlanTransactionTest.approvedPlan();
		plan = new PlanTransaction.Plan(plan.carePlan(), plan.goals(), plan.referrals(),
				new org.hl7.fhir.r4.model.Identifier().setSystem(PlanTransactionTest.MRN).setValue(mrn));
		String key = "lineage-" + mrn;
		plan.carePlan().getIdentifierFirstRep().setValue(key);
		plan.carePlan().setId("CarePlan/cp-" + mrn + "/_history/3");
		plan.goals().get(0).getIdentifierFirstRep().setValue(key + "-pain");
		plan.referrals().get(0).getIdentifierFirstRep().setValue(key + "-physio-referral");
		PlanTransaction transaction = new PlanTransaction(FhirContext.forR4Cached());

		ehr.transaction().withBundle(transaction.build(plan)).execute();
		ehr.transaction().withBundle(transaction.build(plan)).execute();

		Bundle plans = ehr.search().byUrl("CarePlan?identifier=http://fibroplan.org/fhir/careplan-id|" + key).returnBundle(Bundle.class).execute();
		assertThat(plans.getEntry()).hasSize(1);
		CarePlan stored = (CarePlan) plans.getEntryFirstRep().getResource();
		assertThat(stored.getSubject().getReference()).isEqualTo(ehrPatient);
		assertThat(count("Goal?identifier=http://fibroplan.org/fhir/goal-id|" + key + "-pain")).isEqualTo(1);
		assertThat(count("ServiceRequest?identifier=http://fibroplan.org/fhir/referral-id|" + key + "-physio-referral")).isEqualTo(1);
		assertThat(count("Provenance?_tag=http://fibroplan.org/fhir/delivery-id|cp-" + mrn + "-v3")).isEqualTo(1);
		assertThat(stored.getGoalFirstRep().getReference()).startsWith("Goal/");
	}

	private static int count(String url) {
		return ehr.search().byUrl(url).returnBundle(Bundle.class).execute().getEntry().size();
	}
}

package org.fibroplan.ehr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.Test;

/** For an EHR that takes documents only: the approved plan as a plan-of-care note, keyed by version. */
class PlanDocumentTest {

	@Test
	void thePlanTravelsAsAnHtmlPlanOfCareNoteForTheEhrsPatientReplacingThePreviousVersion() {
		CarePlan plan = PlanTransactionTest.approvedPlan().carePlan();
		plan.setTitle("Fibromyalgia care plan");
		plan.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Walk 5 minutes 3 times a week.</p></div>");

		DocumentReference document = PlanDocument.build(plan, "Patient/ehr-77", "DocumentReference/earlier");

		assertThat(document.getType().getCodingFirstRep().getCode()).isEqualTo("18776-5");
		assertThat(document.getSubject().getReference()).isEqualTo("Patient/ehr-77");
		assertThat(document.getIdentifierFirstRep().getValue()).isEqualTo("cp1-v3-document");
		assertThat(document.getRelatesToFirstRep().getCode()).isEqualTo(DocumentReference.DocumentRelationshipType.REPLACES);
		assertThat(document.getRelatesToFirstRep().getTarget().getReference()).isEqualTo("DocumentReference/earlier");
		assertThat(document.getContentFirstRep().getAttachment().getContentType()).isEqualTo("text/html");
		assertThat(new String(document.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
				.startsWith("<!DOCTYPE html>").contains("Walk 5 minutes 3 times a week.");
	}
}

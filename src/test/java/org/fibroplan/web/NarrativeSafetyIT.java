package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Narrative;
import org.junit.jupiter.api.Test;

/**
 * A narrative is shown to the patient as HTML, so what a clinician (or any writer) puts in one is cut to
 * the allow-list before it is stored, and the patient's page outputs nothing outside it either.
 */
class NarrativeSafetyIT extends FhirIntegrationTest {

	/** A test user of its own (application-test.yml): no other test sees its plan. */
	private static final String PATIENT = "demo-patient-narrative";
	private static final String ATTACK = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Your plan has moved: "
			+ "<a href=\"https://evil.example/login\">sign in again here</a>.</p>"
			+ "<p onmouseover=\"alert(1)\" style=\"position:fixed;top:0;left:0\">Walk daily.</p>"
			+ "</div>";

	@Test
	void aClinicianCannotPutAnOffSiteLinkOrScriptOntoThePatientsPage() {
		IGenericClient clinician = client(port(), Tokens.clinicianToken(port()));
		fhir().create().resource(Answers.peg(PATIENT, 6, 5, 6)).execute();
		CarePlan plan = plan("draft");
		plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician.update().resource(plan).withId(plan.getIdElement()).execute();
		CarePlan active = plan("active");
		String generated = active.getText().getDivAsString();
		assertThat(generated).as("the server's own narrative is stored as written").contains("<ol>").contains("<b>");

		active.getText().setStatus(Narrative.NarrativeStatus.ADDITIONAL).setDivAsString(ATTACK);
		clinician.update().resource(active).withId(active.getIdElement()).execute();

		String stored = plan("active").getText().getDivAsString();
		assertThat(stored).contains("Your plan has moved", "sign in again here", "Walk daily")
				.doesNotContain("evil.example", "onmouseover", "style=", "<a");

		HttpResponse<String> page = new PageSession(port()).signInAndOpen("/app/patient", "patient-narrative", "patient-narrative");
		assertThat(page.statusCode()).isEqualTo(200);
		String html = page.body();
		assertThat(html).contains("Walk daily").doesNotContain("evil.example", "onmouseover", "position:fixed");
		assertThat(html).as("no link on the page leaves the site").doesNotContainPattern("href=\"(https?:)?//");
		assertThat(html).as("scripts only from the site itself").doesNotContainPattern("<script(?![^>]*src=\"/)");
	}

	private CarePlan plan(String status) {
		Bundle found = fhir().search().byUrl("CarePlan?subject=Patient/" + PATIENT + "&status=" + status)
				.returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).as(status + " plan").hasSize(1);
		return (CarePlan) found.getEntryFirstRep().getResource();
	}
}

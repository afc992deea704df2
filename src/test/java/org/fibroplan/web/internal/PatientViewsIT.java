package org.fibroplan.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The patient view as the workspace reads it through the FHIR API: referrals, whose activity names only a
 * stored ServiceRequest, read like every other activity (name, what, why, grade), before and after
 * approval; scores and reasons carry the names of the package's CodeSystems, not codes.
 */
class PatientViewsIT extends FhirIntegrationTest {

	private static final String AD = "http://fibroplan.org/fhir/ActivityDefinition/";

	@Autowired
	PatientViews views;

	@Test
	void referralsReadLikeEveryActivityAndNamesAreWordsNotCodes() {
		String patient = fhir().create().resource(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Views")))
				.execute().getId().getIdPart();
		fhir().create().resource(Answers.painNrs(patient, 6, 0, 0, 6)).execute();
		fhir().create().resource(Answers.peg(patient, 7, 7, 8)).execute();
		fhir().create().resource(Answers.phq2(patient, 2, 2)).execute();
		fhir().create().resource(Answers.context(patient, "sleep-fairly-bad", 20, false, false, "pref-acupuncture")).execute();
		fhir().create().resource(Answers.redFlags(patient)).execute();
		IGenericClient clinician = client(port(), Tokens.clinicianToken(port()));

		PatientView view = views.load(clinician, patient);
		List<ActivityView> referrals = view.draftActivities().stream().filter(ActivityView::referral).toList();
		assertThat(referrals).extracting(ActivityView::key)
				.contains(AD + "physio-referral", AD + "cbt", AD + "multicomponent-programme", AD + "acupuncture");
		assertThat(view.draftActivities()).allSatisfy(activity -> {
			assertThat(activity.title()).as(activity.key()).isNotBlank().isNotEqualTo("(unnamed)");
			assertThat(activity.description()).as(activity.key()).isNotBlank();
			assertThat(activity.rationale()).as(activity.key()).isNotBlank();
			assertThat(activity.gradeName()).as(activity.key()).isNotBlank().isNotEqualTo(activity.grade());
		});
		ActivityView physio = referrals.stream().filter(a -> a.key().equals(AD + "physio-referral")).findFirst().orElseThrow();
		assertThat(physio.title()).isEqualTo("Physiotherapy referral");
		assertThat(physio.gradeName()).isEqualTo("Not graded on its own (part of a graded programme)");
		assertThat(physio.codes()).contains("care-activity physio-referral");
		assertThat(physio.reasons()).as("the answers behind it, named").anyMatch(r -> r.startsWith("PEG score: "));
		ActivityView cbt = referrals.stream().filter(a -> a.key().equals(AD + "cbt")).findFirst().orElseThrow();
		assertThat(cbt.reasons()).anyMatch(r -> r.startsWith("PHQ-2 total: 4"));
		assertThat(view.draftActivities()).filteredOn(ActivityView::clinicianOnly).extracting(ActivityView::key)
				.containsExactly(AD + "mood-assessment");

		assertThat(view.scores()).extracting(PatientView.ScoreRow::name)
				.contains("PHQ-2 total", "Sleep quality over the past month", "Treatments the patient is willing to try")
				.noneMatch(name -> name.matches(".*\\d{4,5}-\\d.*") || name.contains("?"));
		assertThat(view.scores()).as("red-flag questions answered no stay off the list")
				.noneMatch(row -> row.codes() != null && row.codes().startsWith("red-flag "));
		assertThat(view.painCharts()).extracting(PatientView.PainSeries::site).as("only sites scored above 0")
				.containsExactly("Left hip pain", "Worst pain overall");
		assertThat(view.draftSections()).extracting(PlanSections.Section::code).as("sections in the CodeSystem's order")
				.containsSubsequence("move", "referrals", "check-ins");
		assertThat(view.draftSections()).flatExtracting(PlanSections.Section::activities).as("every activity in one section")
				.hasSameSizeAs(view.draftActivities());
		assertThat(view.goals()).extracting(PatientView.GoalRow::target).allSatisfy(target -> assertThat(target).doesNotContain("Pain severity"));

		CarePlan draft = (CarePlan) fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=draft")
				.returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntryFirstRep().getResource();
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician.update().resource(draft).withId(draft.getIdElement()).execute();
		PatientView approved = views.load(clinician, patient);
		assertThat(approved.activeActivities()).filteredOn(a -> a.key().equals(AD + "physio-referral")).singleElement().satisfies(active -> {
			assertThat(active.title()).isEqualTo("Physiotherapy referral");
			assertThat(active.description()).startsWith("A referral to a physiotherapist");
			assertThat(active.rationale()).isNotBlank();
			assertThat(active.gradeName()).isEqualTo("Not graded on its own (part of a graded programme)");
		});
	}
}

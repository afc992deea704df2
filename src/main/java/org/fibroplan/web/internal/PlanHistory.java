package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.param.DateRangeParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * A plan's history as a clinician reads it: its versions, newest first, a page at a time, each with what
 * happened (drafted, revised after new answers, edited, approved), who did it, the answers behind it and
 * what changed from the version before — read from the plan's own versions and their Provenance. A page
 * costs the same however long the history: one history read, one Provenance search over the page's time
 * span, one read of the answers it names.
 */
@Component
class PlanHistory {

	static final int PAGE = 20;
	/** A revision names a handful of answers; a page never reads more than this many. */
	private static final int ANSWERS_PER_PAGE = 100;

	private final ClinicalNames names;
	private final ClinicianOnlyActivities clinicianOnly;
	private final PatientViews patients;

	PlanHistory(ClinicalNames names, ClinicianOnlyActivities clinicianOnly, PatientViews patients) {
		this.names = names;
		this.clinicianOnly = clinicianOnly;
		this.patients = patients;
	}

	/** One version: when, its status, what happened and who did it, the answers behind it, what changed. */
	record Version(String version, Date when, String status, String event, String who, List<String> because, String changes, boolean approval) {}

	/** One of the patient's plans, to move between them. */
	record PlanLink(String id, String status, Date lastUpdated, boolean shown) {}

	/** A page of a plan's history; {@code olderThan} names the next page (null on the last). */
	record Page(String patientId, String patientName, String planId, String planStatus, List<PlanLink> plans, List<Version> versions,
			String olderThan, boolean newest) {}

	/** The difference between two versions of one plan, for the page that shows it. */
	record Comparison(String patientId, String patientName, String planId, PlanDifference difference, Date fromDate, Date toDate) {}

	Page load(IGenericClient fhir, String patientId, String planId, Instant before) {
		Patient patient = fhir.read().resource(Patient.class).withId(patientId).execute();
		var history = fhir.history().onInstance("CarePlan/" + planId).returnBundle(Bundle.class).count(PAGE + 1);
		if (before != null) {
			history = history.at(new DateRangeParam(null, Date.from(before.minusMillis(1))));
		}
		List<CarePlan> versions = history.execute().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(CarePlan.class::isInstance).map(CarePlan.class::cast)
				.filter(v -> before == null || v.getMeta().getLastUpdated().toInstant().isBefore(before)).toList();
		if (versions.isEmpty()) {
			throw new ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException("CarePlan/" + planId + " has no versions before " + before);
		}
		requireSubject(versions.get(0), patientId);
		List<CarePlan> shown = versions.subList(0, Math.min(PAGE, versions.size()));
		Date oldest = shown.get(shown.size() - 1).getMeta().getLastUpdated();
		Map<String, Provenance> byVersion = provenance(fhir, planId, oldest);
		Map<String, String> answers = answers(fhir, byVersion.values());
		PlanReading reading = new PlanReading(names, clinicianOnly, ref -> answers.get(ref), Map.of());
		Map<String, String> people = new HashMap<>();
		List<Version> rows = new ArrayList<>();
		for (int i = 0; i < shown.size(); i++) {
			CarePlan version = shown.get(i);
			CarePlan previous = i + 1 < versions.size() ? versions.get(i + 1) : null;
			Provenance provenance = byVersion.get(version.getIdElement().getVersionIdPart());
			String event = provenance == null ? null : names.of(provenance.getActivity());
			Reference who = provenance == null || !provenance.hasAgent() ? null : provenance.getAgentFirstRep().getWho();
			rows.add(new Version(version.getIdElement().getVersionIdPart(), version.getMeta().getLastUpdated(), status(version),
					event, who == null ? null : people.computeIfAbsent(String.valueOf(who.getReference()) + who.getDisplay(), k -> PatientViews.person(fhir, who)),
					provenance == null ? List.of() : provenance.getEntity().stream()
							.filter(e -> e.getRole() == Provenance.ProvenanceEntityRole.SOURCE)
							.map(e -> answers.get(e.getWhat().getReference())).filter(Objects::nonNull).toList(),
					previous == null ? "the first version" : PlanDifference.between(previous, version, reading).summary(),
					provenance != null && provenance.getActivity().getCoding().stream().anyMatch(c -> "approved".equals(c.getCode()))));
		}
		return new Page(patientId, PatientNames.of(patient, patientId), planId, status(shown.get(0)), plans(fhir, patientId, planId),
				rows, versions.size() > PAGE ? oldest.toInstant().toString() : null, before == null);
	}

	Comparison compare(IGenericClient fhir, String patientId, String planId, String fromVersion, String toVersion) {
		Patient patient = fhir.read().resource(Patient.class).withId(patientId).execute();
		CarePlan from = fhir.read().resource(CarePlan.class).withIdAndVersion(planId, fromVersion).execute();
		CarePlan to = fhir.read().resource(CarePlan.class).withIdAndVersion(planId, toVersion).execute();
		requireSubject(to, patientId);
		if (Integer.parseInt(fromVersion) > Integer.parseInt(toVersion)) {
			CarePlan swap = from;
			from = to;
			to = swap;
		}
		PlanReading reading = new PlanReading(names, clinicianOnly, ref -> null, Map.of());
		return new Comparison(patientId, PatientNames.of(patient, patientId), planId, PlanDifference.between(from, to, reading),
				from.getMeta().getLastUpdated(), to.getMeta().getLastUpdated());
	}

	/** The plan's status at that version, in words. */
	private static String status(CarePlan plan) {
		return switch (plan.getStatus()) {
			case DRAFT -> "draft";
			case ACTIVE -> "approved, active";
			case REVOKED -> "replaced";
			case COMPLETED -> "completed";
			default -> plan.getStatus().getDisplay().toLowerCase();
		};
	}

	private static void requireSubject(CarePlan plan, String patientId) {
		if (!("Patient/" + patientId).equals(plan.getSubject().getReference())) {
			throw new ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException("This plan is not " + patientId + "'s");
		}
	}

	/**
	 * The Provenance of each version on the page, by version: the records from the page's oldest version on,
	 * oldest first (a version's record is written with it, so the page's are among the first few dozen).
	 */
	private static Map<String, Provenance> provenance(IGenericClient fhir, String planId, Date oldest) {
		Map<String, Provenance> byVersion = new HashMap<>();
		fhir.search().forResource(Provenance.class)
				.where(Provenance.TARGET.hasId("CarePlan/" + planId))
				.where(Provenance.RECORDED.afterOrEquals().millis(oldest))
				.sort().ascending(Provenance.RECORDED)
				.count(3 * PAGE).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).map(Provenance.class::cast)
				.forEach(p -> p.getTarget().stream().map(t -> new org.hl7.fhir.r4.model.IdType(t.getReference()))
						.filter(id -> planId.equals(id.getIdPart()) && id.hasVersionIdPart())
						.forEach(id -> byVersion.putIfAbsent(id.getVersionIdPart(), p)));
		return byVersion;
	}

	/** The answers the page's versions came from, in words ("PEG: 6 on 3 Nov 2026"), read in one search. */
	private Map<String, String> answers(IGenericClient fhir, java.util.Collection<Provenance> provenances) {
		Set<String> ids = new LinkedHashSet<>();
		provenances.forEach(p -> p.getEntity().stream().map(e -> e.getWhat().getReference()).filter(Objects::nonNull)
				.filter(r -> r.startsWith("Observation/")).forEach(r -> ids.add(new org.hl7.fhir.r4.model.IdType(r).getIdPart())));
		Map<String, String> described = new HashMap<>();
		List<String> wanted = ids.stream().limit(ANSWERS_PER_PAGE).toList();
		if (!wanted.isEmpty()) {
			fhir.search().forResource(Observation.class).where(Observation.RES_ID.exactly().codes(wanted)).count(ANSWERS_PER_PAGE)
					.returnBundle(Bundle.class).execute().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
					.map(Observation.class::cast)
					.forEach(o -> described.put("Observation/" + o.getIdElement().getIdPart(), patients.describe(o)));
		}
		return described;
	}

	/** The patient's plans, newest first (the ten most recent), to move between them. */
	private static List<PlanLink> plans(IGenericClient fhir, String patientId, String shownId) {
		return fhir.search().forResource(CarePlan.class).where(CarePlan.SUBJECT.hasId("Patient/" + patientId))
				.sort().descending("_lastUpdated").count(10).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).map(CarePlan.class::cast)
				.filter(p -> p.getIdentifier().stream().anyMatch(i -> FhirTerms.PLAN_IDENTIFIER.equals(i.getSystem())))
				.map(p -> new PlanLink(p.getIdElement().getIdPart(), status(p), p.getMeta().getLastUpdated(), p.getIdElement().getIdPart().equals(shownId)))
				.toList();
	}
}

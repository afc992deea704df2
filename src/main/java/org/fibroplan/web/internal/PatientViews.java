package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fibroplan.careplan.CarePlans;
import org.fibroplan.careplan.PatientAssessment;
import org.fibroplan.ehr.Delivery;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.web.internal.PatientView.CatalogueEntry;
import org.fibroplan.web.internal.PatientView.GoalRow;
import org.fibroplan.web.internal.PatientView.PainSeries;
import org.fibroplan.web.internal.PatientView.PlanSummary;
import org.fibroplan.web.internal.PatientView.RedFlagRow;
import org.fibroplan.web.internal.PatientView.ScoreRow;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;

/** Builds a {@link PatientView} from the FHIR API, as the signed-in clinician. */
@Component
class PatientViews {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final CarePlans carePlans;
	private final ClinicalNames names;
	private final ClinicianOnlyActivities clinicianOnly;
	private final PlanSections sections;

	PatientViews(CarePlans carePlans, ClinicalNames names, ClinicianOnlyActivities clinicianOnly, PlanSections sections) {
		this.carePlans = carePlans;
		this.names = names;
		this.clinicianOnly = clinicianOnly;
		this.sections = sections;
	}

	PatientView load(IGenericClient fhir, String patientId) {
		Patient patient = fhir.read().resource(Patient.class).withId(patientId).execute();
		// the plans with their referrals: a referral activity names only its stored ServiceRequest
		List<Resource> found = FhirPages.all(fhir, fhir.search().forResource(CarePlan.class)
				.where(CarePlan.SUBJECT.hasId("Patient/" + patientId))
				.and(CarePlan.STATUS.exactly().codes("draft", "active"))
				.include(CarePlan.INCLUDE_GOAL)
				.include(new ca.uhn.fhir.model.api.Include("CarePlan:activity-reference"))
				.count(100).returnBundle(Bundle.class).execute());
		List<CarePlan> plans = found.stream().filter(CarePlan.class::isInstance).map(CarePlan.class::cast)
				.filter(p -> p.getIdentifier().stream().anyMatch(i -> FhirTerms.PLAN_IDENTIFIER.equals(i.getSystem()))).toList();
		Map<String, ServiceRequest> referrals = new HashMap<>();
		found.stream().filter(ServiceRequest.class::isInstance).map(ServiceRequest.class::cast)
				.forEach(r -> referrals.put("ServiceRequest/" + r.getIdElement().getIdPart(), r));
		List<Observation> observations = RecentObservations.read(fhir, patientId, plans);
		Map<String, Observation> byRef = new HashMap<>();
		observations.forEach(o -> byRef.put("Observation/" + o.getIdElement().getIdPart(), o));
		CarePlan draft = plans.stream().filter(p -> p.getStatus() == CarePlan.CarePlanStatus.DRAFT).findFirst().orElse(null);
		CarePlan active = plans.stream().filter(p -> p.getStatus() == CarePlan.CarePlanStatus.ACTIVE)
				.max(Comparator.comparing(p -> p.getMeta().getLastUpdated())).orElse(null);

		PatientAssessment assessment = carePlans.assess(patientId);
		List<Flag> flags = FhirPages.all(fhir, fhir.search().forResource(Flag.class)
						.where(Flag.PATIENT.hasId("Patient/" + patientId)).count(100).returnBundle(Bundle.class).execute())
				.stream().filter(Flag.class::isInstance).map(Flag.class::cast).toList();
		Optional<PatientAssessment.Change> peg = assessment.peg();
		java.util.function.Function<String, String> describe = ref -> byRef.containsKey(ref) ? describe(byRef.get(ref)) : null;
		PlanReading reading = new PlanReading(names, clinicianOnly, describe, referrals);
		List<ActivityView> draftActivities = draft == null ? List.of() : PlanComparison.draftAgainstActive(draft, active, reading);
		List<ActivityView> activeActivities = PlanComparison.of(active, reading);

		return new PatientView(
				patientId,
				PatientNames.of(patient, patientId),
				patient.getBirthDate(),
				identifiers(patient),
				peg.map(PatientAssessment.Change::latest).orElse(null),
				peg.map(PatientAssessment.Change::baseline).orElse(null),
				peg.map(PatientAssessment.Change::changePercent).orElse(null),
				peg.map(PatientAssessment.Change::categoryDisplay).orElse(null),
				assessment.weeksOnPlan().map(String::valueOf).orElse(null),
				painCharts(observations, assessment.sites()),
				latestScores(observations),
				redFlags(flags, byRef),
				reviewedFlags(fhir, flags),
				names.concepts(FhirTerms.RED_FLAG_REVIEW_OUTCOME).stream().map(c -> new PatientView.Choice(c.getCode(), c.getDisplay())).toList(),
				summary(draft),
				draftActivities,
				sections.of(draftActivities, "draft-"),
				draft == null ? List.of() : goals(fhir, draft),
				draft == null ? List.of() : draft.getNote().stream().map(n -> n.getText()).filter(Objects::nonNull).toList(),
				summary(active),
				active == null ? null : approval(fhir, active),
				activeActivities,
				sections.of(activeActivities, "active-"),
				active == null ? List.of() : goals(fhir, active),
				draft == null ? List.of() : catalogue(fhir, draft),
				active == null ? List.of() : deliveries(fhir, active));
	}

	/**
	 * The identifiers the clinic knows the patient by (MRNs); FibroPlan's own keys (a demo login's binding)
	 * are not the clinic's and stay off the page.
	 */
	private static List<PatientView.IdentifierRow> identifiers(Patient patient) {
		return patient.getIdentifier().stream().filter(Identifier::hasValue)
				.filter(i -> i.getSystem() == null || !i.getSystem().startsWith(FhirTerms.BASE))
				.map(i -> new PatientView.IdentifierRow(i.getValue(), i.getSystem())).toList();
	}

	static PlanSummary summary(CarePlan plan) {
		if (plan == null) {
			return null;
		}
		return new PlanSummary(plan.getIdElement().getIdPart(), plan.getIdElement().getVersionIdPart(), plan.getStatus().toCode(),
				plan.getMeta().getLastUpdated(), plan.getTitle());
	}

	/**
	 * Pain per site over time, with the care-plan assessment's baseline and its clinically important
	 * improvement line; only for sites scored above 0 at least once.
	 */
	private List<PainSeries> painCharts(List<Observation> observations, List<PatientAssessment.SitePain> baselines) {
		Map<String, List<Observation>> bySite = new LinkedHashMap<>();
		observations.stream().filter(o -> hasCode(o.getCode(), FhirTerms.PAIN_SCORE) && o.hasValueIntegerType() && o.hasEffectiveDateTimeType())
				.forEach(o -> bySite.computeIfAbsent(names.painAt(o.getBodySite()), k -> new ArrayList<>()).add(o));
		List<PainSeries> series = new ArrayList<>();
		int n = 0;
		for (var entry : bySite.entrySet()) {
			if (entry.getValue().stream().allMatch(o -> o.getValueIntegerType().getValue() == 0)) {
				continue; // a site never painful is not charted: the charts are for the sites that hurt
			}
			List<Map<String, Object>> points = entry.getValue().stream()
					.map(o -> Map.<String, Object>of("x", o.getEffectiveDateTimeType().getValue().getTime(), "y", o.getValueIntegerType().getValue()))
					.toList();
			Set<String> inSeries = entry.getValue().stream().map(o -> "Observation/" + o.getIdElement().getIdPart()).collect(Collectors.toSet());
			PatientAssessment.SitePain baseline = baselines.stream().filter(b -> inSeries.contains(b.baselineObservation())).findFirst().orElse(null);
			Map<String, Object> chart = new LinkedHashMap<>();
			chart.put("site", entry.getKey());
			chart.put("points", points);
			Integer last = entry.getValue().get(entry.getValue().size() - 1).getValueIntegerType().getValue();
			String summary = entry.getKey() + ": " + entry.getValue().size() + " scores, latest " + last + " of 10";
			if (baseline != null) {
				chart.put("baseline", baseline.baseline());
				chart.put("target", baseline.importantImprovementAt());
				summary += ", baseline " + baseline.baseline() + ", " + baseline.importantImprovementPercent() + " % improvement at "
						+ baseline.importantImprovementAt().stripTrailingZeros().toPlainString();
			}
			try {
				series.add(new PainSeries(entry.getKey(), "pain-chart-" + (++n), JSON.writeValueAsString(chart), summary));
			} catch (JsonProcessingException e) {
				throw new IllegalStateException(e);
			}
		}
		return series;
	}

	/**
	 * The latest value of every score other than the per-site pain ratings, with its band, named as a
	 * clinician names it; of the red-flag questions only those answered yes (the noes would bury them).
	 */
	private List<ScoreRow> latestScores(List<Observation> observations) {
		Map<String, Observation> latest = new LinkedHashMap<>();
		observations.stream().filter(o -> !hasCode(o.getCode(), FhirTerms.PAIN_SCORE) && o.hasValue())
				.forEach(o -> latest.put(codeKey(o.getCode()), o));
		return latest.values().stream()
				.filter(o -> !isRedFlagAnswer(o) || (o.getValue() instanceof org.hl7.fhir.r4.model.BooleanType yes && yes.booleanValue()))
				.map(o -> new ScoreRow(names.observation(o), names.codes(o.getCode()), value(o.getValue()), band(o),
						o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : null))
				.toList();
	}

	/** The active red flags, each read once: what (its name), the answer that raised it (yes, no more) and when. */
	private List<RedFlagRow> redFlags(List<Flag> flags, Map<String, Observation> byRef) {
		List<RedFlagRow> rows = new ArrayList<>();
		for (Flag flag : flags) {
			if (flag.getStatus() != Flag.FlagStatus.ACTIVE) {
				continue;
			}
			String answerRef = flag.getExtensionsByUrl(FhirTerms.FLAG_DETAIL).stream().map(Extension::getValue)
					.filter(Reference.class::isInstance).map(v -> ((Reference) v).getReference()).findFirst().orElse(null);
			Observation answer = answerRef == null ? null : byRef.get(answerRef);
			rows.add(new RedFlagRow(flag.getIdElement().getIdPart(), flag.getIdElement().getVersionIdPart(),
					names.of(flag.getCode()), names.codes(flag.getCode()),
					answer == null ? null : value(answer.getValue()),
					answer != null && answer.hasEffectiveDateTimeType() ? answer.getEffectiveDateTimeType().getValue() : flag.getPeriod().getStart()));
		}
		return rows;
	}

	/** Who approved the plan and when: its newest approval Provenance (a plan gets a handful of records once active). */
	private static PatientView.Approval approval(IGenericClient fhir, CarePlan active) {
		return fhir.search().forResource(org.hl7.fhir.r4.model.Provenance.class)
				.where(org.hl7.fhir.r4.model.Provenance.TARGET.hasId("CarePlan/" + active.getIdElement().getIdPart()))
				.sort().descending(org.hl7.fhir.r4.model.Provenance.RECORDED).count(10).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (org.hl7.fhir.r4.model.Provenance) e.getResource())
				.filter(p -> p.getActivity().getCoding().stream().anyMatch(c -> "approved".equals(c.getCode())))
				.findFirst()
				.map(p -> new PatientView.Approval(p.hasAgent() ? person(fhir, p.getAgentFirstRep().getWho()) : null, p.getRecorded()))
				.orElse(new PatientView.Approval(null, active.getMeta().getLastUpdated()));
	}

	/** Red flags a clinician closed with a review (extension red-flag-review), newest first, with the reviewer's name. */
	private List<PatientView.ReviewedFlagRow> reviewedFlags(IGenericClient fhir, List<Flag> flags) {
		Map<String, String> reviewers = new HashMap<>();
		List<PatientView.ReviewedFlagRow> rows = new ArrayList<>();
		for (Flag flag : flags) {
			Extension review = flag.getExtensionByUrl(FhirTerms.RED_FLAG_REVIEW);
			if (flag.getStatus() == Flag.FlagStatus.ACTIVE || review == null) {
				continue;
			}
			Type outcome = sub(review, "outcome");
			Type note = sub(review, "note");
			Type author = sub(review, "author");
			Type date = sub(review, "date");
			rows.add(new PatientView.ReviewedFlagRow(names.of(flag.getCode()),
					outcome instanceof Coding coding ? names.of(new CodeableConcept(coding)) : null,
					note == null ? null : note.primitiveValue(),
					author instanceof Reference who ? reviewers.computeIfAbsent(who.getReference() == null ? "" : who.getReference(), r -> person(fhir, who)) : null,
					date instanceof org.hl7.fhir.r4.model.DateTimeType when ? when.getValue() : null));
		}
		rows.sort(Comparator.comparing(PatientView.ReviewedFlagRow::reviewed, Comparator.nullsLast(Comparator.reverseOrder())));
		return rows;
	}

	private static Type sub(Extension extension, String url) {
		return extension.getExtension().stream().filter(e -> url.equals(e.getUrl())).map(Extension::getValue).findFirst().orElse(null);
	}

	/** A reviewer by name: the Practitioner read once, or what the reference says. */
	static String person(IGenericClient fhir, Reference who) {
		if (who.getReference() != null && who.getReference().startsWith("Practitioner/")) {
			try {
				org.hl7.fhir.r4.model.Practitioner practitioner = fhir.read().resource(org.hl7.fhir.r4.model.Practitioner.class).withUrl(who.getReference()).execute();
				if (practitioner.hasName()) {
					var name = practitioner.getNameFirstRep();
					String text = name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + name.getFamily()).trim();
					if (!text.isBlank()) {
						return text;
					}
				}
			} catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException e) {
				// a reviewer this server no longer holds is still named by the reference
			}
		}
		return who.hasDisplay() ? who.getDisplay() : who.getReference();
	}

	/** The plan's goals: stored ones are read, contained ones (a plan not yet stored) found in the plan. */
	private List<GoalRow> goals(IGenericClient fhir, CarePlan draft) {
		List<GoalRow> rows = new ArrayList<>();
		for (Reference reference : draft.getGoal()) {
			Goal goal = reference.getResource() instanceof Goal g ? g : null;
			if (goal == null && reference.getReference() != null && reference.getReference().startsWith("Goal/")) {
				goal = fhir.read().resource(Goal.class).withUrl(reference.getReference()).execute();
			}
			if (goal == null && reference.getReference() != null && reference.getReference().startsWith("#")) {
				goal = draft.getContained().stream().filter(r -> reference.getReference().equals("#" + r.getIdElement().getIdPart()))
						.filter(Goal.class::isInstance).map(Goal.class::cast).findFirst().orElse(null);
			}
			if (goal != null) {
				String target = goal.getTarget().stream().map(t -> target(t, names)).filter(Objects::nonNull).collect(Collectors.joining("; "));
				rows.add(new GoalRow(goal.getIdElement().getIdPart(), goal.getIdElement().getVersionIdPart(),
						ActivityView.text(goal.getDescription()), target.isBlank() ? null : target,
						goal.getExtensionByUrl(FhirTerms.CLINICIAN_EDIT) != null,
						goal.getLifecycleStatus() == null ? null : goal.getLifecycleStatus().toCode(),
						GoalAchievementWords.of(goal), GoalAchievementWords.achieved(goal)));
			}
		}
		return rows;
	}

	static String target(Goal.GoalTargetComponent target, ClinicalNames names) {
		String measure = target.hasMeasure() ? names.of(target.getMeasure()) : "";
		String detail = target.hasDetail() ? value(target.getDetail()) : null;
		String due = target.hasDueDateType() ? new SimpleDateFormat("d MMM yyyy").format(target.getDueDateType().getValue()) : null;
		String text = measure + (detail == null ? "" : " " + detail) + (due == null ? "" : " by " + due);
		return text.isBlank() ? null : text.trim();
	}

	/** Activities a clinician may add: the catalogue's active definitions the draft does not hold yet, with their grade. */
	private List<CatalogueEntry> catalogue(IGenericClient fhir, CarePlan draft) {
		Set<String> present = draft.getActivity().stream().map(a -> ActivityView.extension(a, FhirTerms.ACTIVITY_DEFINITION))
				.filter(Objects::nonNull).collect(Collectors.toSet());
		return FhirPages.all(fhir, fhir.search().forResource(ActivityDefinition.class)
						.where(ActivityDefinition.STATUS.exactly().code("active")).count(200).returnBundle(Bundle.class).execute())
				.stream().map(ActivityDefinition.class::cast)
				.filter(d -> d.getUrl() != null && d.getUrl().startsWith(FhirTerms.BASE) && !present.contains(d.getUrl()))
				.map(d -> {
					Extension gradeExtension = d.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE);
					String grade = grade(gradeExtension);
					String gradeText = gradeExtension != null && gradeExtension.getValue() instanceof CodeableConcept c ? c.getText() : null;
					return new CatalogueEntry(d.getIdElement().getIdPart(), d.getUrl(), d.hasTitle() ? d.getTitle() : d.getName(), grade,
							names.grade(grade), gradeText, names.advisedAgainst(grade));
				})
				.sorted(Comparator.comparing(CatalogueEntry::title))
				.toList();
	}

	private static List<Delivery> deliveries(IGenericClient fhir, CarePlan active) {
		return FhirPages.all(fhir, fhir.search().forResource(Task.class)
						.where(Task.FOCUS.hasId("CarePlan/" + active.getIdElement().getIdPart()))
						.and(Task.CODE.exactly().systemAndCode(FhirTerms.PLAN_EVENT, Delivery.TASK_CODE))
						.count(100).returnBundle(Bundle.class).execute())
				.stream().map(Task.class::cast).map(Delivery::of)
				.sorted(Comparator.comparing(Delivery::target))
				.toList();
	}

	/** An answer behind an activity, in words: "PHQ-2 total: 2 on 10 Oct 2026". */
	String describe(Observation observation) {
		String when = observation.hasEffectiveDateTimeType()
				? " on " + new SimpleDateFormat("d MMM yyyy").format(observation.getEffectiveDateTimeType().getValue()) : "";
		return names.observation(observation) + ": " + value(observation.getValue()) + when;
	}

	static String value(Type value) {
		if (value instanceof org.hl7.fhir.r4.model.Quantity quantity) {
			return quantity.getValue().stripTrailingZeros().toPlainString();
		}
		if (value instanceof CodeableConcept concept) {
			return ActivityView.text(concept);
		}
		if (value instanceof org.hl7.fhir.r4.model.BooleanType yesNo) {
			return yesNo.booleanValue() ? "yes" : "no";
		}
		return value == null ? "" : value.primitiveValue();
	}

	private static String band(Observation observation) {
		return observation.getInterpretation().stream()
				.map(c -> c.hasText() ? c.getText() : c.getCoding().stream().map(Coding::getDisplay).filter(Objects::nonNull).findFirst().orElse(null))
				.filter(Objects::nonNull).findFirst().orElse(null);
	}

	private static String grade(Extension extension) {
		return extension != null && extension.getValue() instanceof CodeableConcept grade
				? grade.getCoding().stream().map(Coding::getCode).findFirst().orElse(null) : null;
	}

	private static boolean isRedFlagAnswer(Observation observation) {
		return observation.getCode().getCoding().stream().anyMatch(c -> FhirTerms.RED_FLAG.equals(c.getSystem()));
	}

	private static boolean hasCode(CodeableConcept code, String loinc) {
		return code.getCoding().stream().anyMatch(c -> FhirTerms.LOINC.equals(c.getSystem()) && loinc.equals(c.getCode()));
	}

	private static String codeKey(CodeableConcept code) {
		return code.getCoding().stream().findFirst().map(c -> c.getSystem() + "|" + c.getCode()).orElse(Optional.ofNullable(code.getText()).orElse("?"));
	}
}

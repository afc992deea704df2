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
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;

/** Builds a {@link PatientView} from the FHIR API, as the signed-in clinician. */
@Component
class PatientViews {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final CarePlans carePlans;

	PatientViews(CarePlans carePlans) {
		this.carePlans = carePlans;
	}

	PatientView load(IGenericClient fhir, String patientId) {
		Patient patient = fhir.read().resource(Patient.class).withId(patientId).execute();
		List<CarePlan> plans = FhirPages.all(fhir, fhir.search().forResource(CarePlan.class)
						.where(CarePlan.SUBJECT.hasId("Patient/" + patientId))
						.and(CarePlan.STATUS.exactly().codes("draft", "active"))
						.include(CarePlan.INCLUDE_GOAL)
						.count(100).returnBundle(Bundle.class).execute())
				.stream().filter(CarePlan.class::isInstance).map(CarePlan.class::cast)
				.filter(p -> p.getIdentifier().stream().anyMatch(i -> FhirTerms.PLAN_IDENTIFIER.equals(i.getSystem()))).toList();
		List<Observation> observations = RecentObservations.read(fhir, patientId, plans);
		Map<String, Observation> byRef = new HashMap<>();
		observations.forEach(o -> byRef.put("Observation/" + o.getIdElement().getIdPart(), o));
		CarePlan draft = plans.stream().filter(p -> p.getStatus() == CarePlan.CarePlanStatus.DRAFT).findFirst().orElse(null);
		CarePlan active = plans.stream().filter(p -> p.getStatus() == CarePlan.CarePlanStatus.ACTIVE)
				.max(Comparator.comparing(p -> p.getMeta().getLastUpdated())).orElse(null);

		PatientAssessment assessment = carePlans.assess(patientId);
		Optional<PatientAssessment.Change> peg = assessment.peg();
		java.util.function.Function<String, String> describe = ref -> byRef.containsKey(ref) ? describe(byRef.get(ref)) : null;

		return new PatientView(
				patientId,
				PatientNames.of(patient, patientId),
				patient.getBirthDate(),
				patient.getIdentifier().stream().filter(Identifier::hasValue).map(i -> i.getValue() + (i.hasSystem() ? " (" + i.getSystem() + ")" : "")).toList(),
				peg.map(PatientAssessment.Change::latest).orElse(null),
				peg.map(PatientAssessment.Change::baseline).orElse(null),
				peg.map(PatientAssessment.Change::changePercent).orElse(null),
				peg.map(PatientAssessment.Change::categoryDisplay).orElse(null),
				assessment.weeksOnPlan().map(String::valueOf).orElse(null),
				painCharts(observations, assessment.sites()),
				latestScores(observations, scoreNames(fhir)),
				redFlags(fhir, patientId, byRef),
				summary(draft),
				draft == null ? List.of() : PlanComparison.draftAgainstActive(draft, active, describe),
				draft == null ? List.of() : goals(fhir, draft),
				draft == null ? List.of() : draft.getNote().stream().map(n -> n.getText()).filter(Objects::nonNull).toList(),
				summary(active),
				PlanComparison.of(active, describe),
				active == null ? List.of() : goals(fhir, active),
				draft == null ? List.of() : catalogue(fhir, draft),
				active == null ? List.of() : deliveries(fhir, active));
	}

	static PlanSummary summary(CarePlan plan) {
		if (plan == null) {
			return null;
		}
		return new PlanSummary(plan.getIdElement().getIdPart(), plan.getIdElement().getVersionIdPart(), plan.getStatus().toCode(),
				plan.getMeta().getLastUpdated(), plan.getTitle());
	}

	/** Pain per site over time, with the care-plan assessment's baseline and its clinically important improvement line. */
	private static List<PainSeries> painCharts(List<Observation> observations, List<PatientAssessment.SitePain> baselines) {
		Map<String, List<Observation>> bySite = new LinkedHashMap<>();
		observations.stream().filter(o -> hasCode(o.getCode(), FhirTerms.PAIN_SCORE) && o.hasValueIntegerType() && o.hasEffectiveDateTimeType())
				.forEach(o -> bySite.computeIfAbsent(site(o.getBodySite()), k -> new ArrayList<>()).add(o));
		List<PainSeries> series = new ArrayList<>();
		int n = 0;
		for (var entry : bySite.entrySet()) {
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

	/** The latest value of every score other than the per-site pain ratings, with its band. */
	/** What each score is called: the text of the Questionnaire item that carries its code. */
	private static Map<String, String> scoreNames(IGenericClient fhir) {
		Map<String, String> names = new HashMap<>();
		FhirPages.all(fhir, fhir.search().forResource(org.hl7.fhir.r4.model.Questionnaire.class)
						.where(org.hl7.fhir.r4.model.Questionnaire.STATUS.exactly().code("active")).count(100).returnBundle(Bundle.class).execute())
				.forEach(q -> itemNames(((org.hl7.fhir.r4.model.Questionnaire) q).getItem(), names));
		return names;
	}

	private static void itemNames(List<org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent> items, Map<String, String> names) {
		for (var item : items) {
			if (item.hasText()) {
				item.getCode().forEach(c -> names.putIfAbsent(c.getSystem() + "|" + c.getCode(), item.getText()));
			}
			itemNames(item.getItem(), names);
		}
	}

	private static List<ScoreRow> latestScores(List<Observation> observations, Map<String, String> names) {
		Map<String, Observation> latest = new LinkedHashMap<>();
		observations.stream().filter(o -> !hasCode(o.getCode(), FhirTerms.PAIN_SCORE) && o.hasValue())
				.forEach(o -> latest.put(codeKey(o.getCode()), o));
		return latest.values().stream()
				.map(o -> new ScoreRow(o.getCode().hasText() ? o.getCode().getText() : names.getOrDefault(codeKey(o.getCode()), ActivityView.text(o.getCode())), value(o.getValue()), band(o), o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : null))
				.toList();
	}

	private static List<RedFlagRow> redFlags(IGenericClient fhir, String patientId, Map<String, Observation> byRef) {
		List<Resource> flags = FhirPages.all(fhir, fhir.search().forResource(Flag.class)
				.where(Flag.PATIENT.hasId("Patient/" + patientId))
				.count(100).returnBundle(Bundle.class).execute());
		List<RedFlagRow> rows = new ArrayList<>();
		for (Resource resource : flags) {
			Flag flag = (Flag) resource;
			if (flag.getStatus() != Flag.FlagStatus.ACTIVE) {
				continue;
			}
			String answerRef = flag.getExtensionsByUrl(FhirTerms.FLAG_DETAIL).stream().map(Extension::getValue)
					.filter(Reference.class::isInstance).map(v -> ((Reference) v).getReference()).findFirst().orElse(null);
			Observation answer = answerRef == null ? null : byRef.get(answerRef);
			rows.add(new RedFlagRow(ActivityView.text(flag.getCode()),
					answer == null ? "(answer " + answerRef + ")" : describe(answer),
					answer != null && answer.hasEffectiveDateTimeType() ? answer.getEffectiveDateTimeType().getValue() : flag.getPeriod().getStart()));
		}
		return rows;
	}

	/** The plan's goals: stored ones are read, contained ones (a plan not yet stored) found in the plan. */
	private static List<GoalRow> goals(IGenericClient fhir, CarePlan draft) {
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
				String target = goal.getTarget().stream().map(PatientViews::target).filter(Objects::nonNull).collect(Collectors.joining("; "));
				rows.add(new GoalRow(goal.getIdElement().getIdPart(), goal.getIdElement().getVersionIdPart(),
						ActivityView.text(goal.getDescription()), target.isBlank() ? null : target,
						goal.getExtensionByUrl(FhirTerms.CLINICIAN_EDIT) != null,
						goal.getLifecycleStatus() == null ? null : goal.getLifecycleStatus().toCode(),
						GoalAchievementWords.of(goal), GoalAchievementWords.achieved(goal)));
			}
		}
		return rows;
	}

	static String target(Goal.GoalTargetComponent target) {
		String measure = target.hasMeasure() ? ActivityView.text(target.getMeasure()) : "";
		String detail = target.hasDetail() ? value(target.getDetail()) : null;
		String due = target.hasDueDateType() ? new SimpleDateFormat("d MMM yyyy").format(target.getDueDateType().getValue()) : null;
		String text = measure + (detail == null ? "" : " " + detail) + (due == null ? "" : " by " + due);
		return text.isBlank() ? null : text.trim();
	}

	/** Activities a clinician may add: the catalogue's active definitions the draft does not hold yet. */
	private static List<CatalogueEntry> catalogue(IGenericClient fhir, CarePlan draft) {
		Set<String> present = draft.getActivity().stream().map(a -> ActivityView.extension(a, FhirTerms.ACTIVITY_DEFINITION))
				.filter(Objects::nonNull).collect(Collectors.toSet());
		return FhirPages.all(fhir, fhir.search().forResource(ActivityDefinition.class)
						.where(ActivityDefinition.STATUS.exactly().code("active")).count(200).returnBundle(Bundle.class).execute())
				.stream().map(ActivityDefinition.class::cast)
				.filter(d -> d.getUrl() != null && d.getUrl().startsWith(FhirTerms.BASE) && !present.contains(d.getUrl()))
				.map(d -> new CatalogueEntry(d.getIdElement().getIdPart(), d.getUrl(), d.hasTitle() ? d.getTitle() : d.getName(), grade(d.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE))))
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

	static String describe(Observation observation) {
		String what = ActivityView.text(observation.getCode());
		if (observation.hasBodySite()) {
			what = what + " (" + site(observation.getBodySite()) + ")";
		}
		String when = observation.hasEffectiveDateTimeType()
				? " on " + new SimpleDateFormat("d MMM yyyy").format(observation.getEffectiveDateTimeType().getValue()) : "";
		return what + ": " + value(observation.getValue()) + when;
	}

	static String site(CodeableConcept bodySite) {
		String name = bodySite.hasText() ? bodySite.getText()
				: bodySite.getCoding().stream().map(Coding::getDisplay).filter(Objects::nonNull).findFirst().orElse("site");
		name = name.replace(" region structure", "").replace(" structure", "");
		Extension laterality = bodySite.getExtensionByUrl(FhirTerms.LATERALITY);
		if (laterality != null && laterality.getValue() instanceof CodeableConcept side) {
			String sideName = ActivityView.text(side).replace(" (qualifier value)", "");
			name = sideName.toLowerCase().startsWith(name.toLowerCase()) ? sideName : sideName + " " + name.toLowerCase();
		}
		return name;
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

	private static boolean hasCode(CodeableConcept code, String loinc) {
		return code.getCoding().stream().anyMatch(c -> FhirTerms.LOINC.equals(c.getSystem()) && loinc.equals(c.getCode()));
	}

	private static String codeKey(CodeableConcept code) {
		return code.getCoding().stream().findFirst().map(c -> c.getSystem() + "|" + c.getCode()).orElse(Optional.ofNullable(code.getText()).orElse("?"));
	}
}

package org.fibroplan.careplan.internal.drafting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.rules.AssessmentExpressions;
import org.fibroplan.careplan.internal.rules.GoalDue;
import org.fibroplan.careplan.internal.rules.Rule;
import org.fibroplan.careplan.internal.rules.RuleSet;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionGoalComponent;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionGoalTargetComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;

/**
 * Applies a {@link RuleSet} to an {@link Assessment}: every rule whose condition holds proposes its
 * activity (one per ActivityDefinition: when two rules propose the same one, their reasons are joined),
 * with the dose, rationale, evidence grade and the Observations that triggered it. Referrals become
 * ServiceRequests, goals become Goals, reasons become the conditions the plan addresses; all of them are
 * contained in the returned draft CarePlan, which nothing has stored. Pure.
 */
public final class PlanDrafter {

	private final AssessmentExpressions expressions;

	public PlanDrafter(AssessmentExpressions expressions) {
		this.expressions = expressions;
	}

	/** What the plan is for and when its goals are due from. */
	public record PlanContext(String patient, String planIdentifier, Instant start) {}

	public CarePlan draft(RuleSet rules, Assessment assessment, PlanContext context) {
		CarePlan plan = emptyPlan(rules, assessment, context);
		Reference subject = plan.getSubject();
		Map<String, CarePlanActivityComponent> byActivity = new LinkedHashMap<>();
		Set<String> goalIds = new LinkedHashSet<>();
		Map<String, CodeableConcept> addresses = new LinkedHashMap<>();
		for (Rule rule : rules.rules()) {
			if (!expressions.holds(rule.condition(), assessment)) {
				continue;
			}
			ActivityDefinition definition = rule.activity();
			String rationale = rule.rationale().render(assessment, expressions);
			Set<String> sources = assessment.sources(rule.variables());
			CarePlanActivityComponent existing = byActivity.get(definition.getUrl());
			if (existing != null) {
				join(existing, rule, rationale, sources, plan);
			} else {
				byActivity.put(definition.getUrl(), activity(plan, rule, rationale, sources, subject, context));
			}
			goalIds.addAll(rule.goalIds());
			rule.reasons().forEach(reason -> addresses.putIfAbsent(key(reason), reason));
		}
		byActivity.values().forEach(plan::addActivity);
		addGoals(plan, rules, goalIds, assessment, context);
		linkActivitiesToGoals(rules, byActivity);
		addConditions(plan, addresses.values());
		return plan;
	}

	/** A draft FibroPlan care plan for the patient, before any activity. */
	private static CarePlan emptyPlan(RuleSet rules, Assessment assessment, PlanContext context) {
		CarePlan plan = new CarePlan();
		plan.getMeta().addProfile(FhirTerms.FM_CARE_PLAN_PROFILE);
		plan.addIdentifier(new Identifier().setSystem(FhirTerms.PLAN_IDENTIFIER).setValue(context.planIdentifier()));
		plan.addInstantiatesCanonical(rules.planDefinition().getUrl() + "|" + rules.planDefinition().getVersion());
		plan.setStatus(CarePlan.CarePlanStatus.DRAFT);
		plan.setIntent(CarePlan.CarePlanIntent.PLAN);
		plan.addCategory(new CodeableConcept(new Coding(FhirTerms.CAREPLAN_CATEGORY, "assess-plan", "Assessment and Plan of Treatment")));
		plan.setTitle("Fibromyalgia care plan");
		plan.setDescription("Multimodal plan for fibromyalgia with hip and/or back pain, drafted from the patient's answers for a clinician to review.");
		plan.setSubject(new Reference("Patient/" + context.patient()));
		plan.setCreated(Date.from(assessment.asOf()));
		// Every plan, draft or active, names the patient's baseline; approval fixes it (design.md, Baseline and goals).
		assessment.baselineObservations().forEach(observation -> plan.addSupportingInfo(new Reference(observation)));
		return plan;
	}

	/** The goals the proposing rules serve, contained; the reference names the goal and its target, to tell an unchanged goal without a read. */
	private static void addGoals(CarePlan plan, RuleSet rules, Set<String> goalIds, Assessment assessment, PlanContext context) {
		for (String goalId : goalIds) {
			Goal goal = goal(rules.goal(goalId).orElseThrow(), assessment, plan.getSubject(), context);
			plan.addContained(goal);
			plan.addGoal(new Reference("#" + goal.getIdElement().getIdPart())
					.setIdentifier(goal.getIdentifierFirstRep().copy())
					.setDisplay(summary(goal)));
		}
	}

	/** Activities serve the goals their rules name. */
	private static void linkActivitiesToGoals(RuleSet rules, Map<String, CarePlanActivityComponent> byActivity) {
		for (Rule rule : rules.rules()) {
			CarePlanActivityComponent activity = byActivity.get(rule.activity().getUrl());
			if (activity != null && activity.hasDetail()) {
				for (String goalId : rule.goalIds()) {
					if (activity.getDetail().getGoal().stream().noneMatch(g -> g.getReference().equals("#g-" + goalId))) {
						activity.getDetail().addGoal(new Reference("#g-" + goalId));
					}
				}
			}
		}
	}

	/** The reasons behind the proposed activities, as provisional Conditions for the clinician to confirm. */
	private static void addConditions(CarePlan plan, Collection<CodeableConcept> reasons) {
		int n = 0;
		for (CodeableConcept reason : reasons) {
			Condition condition = new Condition();
			condition.setId("c-" + (++n));
			condition.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
			condition.setVerificationStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "provisional", "Provisional")));
			condition.setCode(reason.copy());
			condition.setSubject(plan.getSubject().copy());
			condition.addNote().setText("Reported by the patient in FibroPlan questionnaires; for the clinician to confirm.");
			plan.addContained(condition);
			plan.addAddresses(new Reference("#" + condition.getId()));
		}
	}

	private CarePlanActivityComponent activity(CarePlan plan, Rule rule, String rationale, Set<String> sources, Reference subject, PlanContext context) {
		ActivityDefinition definition = rule.activity();
		CarePlanActivityComponent activity = new CarePlanActivityComponent();
		activity.addExtension(FhirTerms.ACTIVITY_DEFINITION, new CanonicalType(definition.getUrl()));
		activity.addExtension(FhirTerms.PROPOSED_BY_RULE, new StringType(rule.id()));
		activity.addExtension(FhirTerms.RATIONALE, new StringType(rationale));
		activity.addExtension(FhirTerms.EVIDENCE_GRADE, rule.evidenceGrade().copy());
		List<Reference> reasons = sources.stream().filter(s -> s.startsWith("Observation/")).map(Reference::new).toList();
		if ("ServiceRequest".equals(definition.getKind() == null ? null : definition.getKind().toCode())) {
			ServiceRequest referral = new ServiceRequest();
			referral.setId("r-" + definition.getIdElement().getIdPart());
			referral.addIdentifier().setSystem(FhirTerms.REFERRAL_IDENTIFIER).setValue(context.planIdentifier() + "-" + definition.getIdElement().getIdPart());
			referral.addInstantiatesCanonical(definition.getUrl());
			referral.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
			referral.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
			referral.setCode(definition.getCode().copy());
			referral.setSubject(subject.copy());
			referral.setPatientInstruction(definition.getDescription());
			reasons.forEach(r -> referral.addReasonReference(r.copy()));
			if (reasons.isEmpty()) {
				rule.reasons().forEach(r -> referral.addReasonCode(r.copy()));
			}
			referral.addNote().setText(rationale);
			if (definition.hasTimingTiming()) {
				referral.setOccurrence(definition.getTimingTiming().copy());
			}
			plan.addContained(referral);
			activity.setReference(new Reference("#" + referral.getId()));
			return activity;
		}
		CarePlanActivityDetailComponent detail = activity.getDetail();
		detail.addInstantiatesCanonical(definition.getUrl());
		for (RelatedArtifact artifact : definition.getRelatedArtifact()) {
			if (artifact.getType() == RelatedArtifact.RelatedArtifactType.DEPENDSON && artifact.hasResource()) {
				detail.addInstantiatesCanonical(artifact.getResource());
			}
		}
		detail.setCode(definition.getCode().copy());
		detail.setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED);
		detail.setDescription(definition.getDescription());
		if (definition.hasTimingTiming()) {
			detail.setScheduled(definition.getTimingTiming().copy());
		}
		reasons.forEach(r -> detail.addReasonReference(r.copy()));
		if (reasons.isEmpty()) {
			rule.reasons().forEach(r -> detail.addReasonCode(r.copy()));
		}
		return activity;
	}

	/** A second rule proposing the same activity adds its reasons; the first rule's grade stands. */
	private static void join(CarePlanActivityComponent activity, Rule rule, String rationale, Set<String> sources, CarePlan plan) {
		Extension by = activity.getExtensionByUrl(FhirTerms.PROPOSED_BY_RULE);
		by.setValue(new StringType(by.getValue().primitiveValue() + ", " + rule.id()));
		Extension why = activity.getExtensionByUrl(FhirTerms.RATIONALE);
		if (!why.getValue().primitiveValue().contains(rationale)) {
			why.setValue(new StringType(why.getValue().primitiveValue() + " " + rationale));
		}
		List<Reference> target = activity.hasDetail() ? activity.getDetail().getReasonReference()
				: ((ServiceRequest) plan.getContained().stream().filter(r -> ("#" + r.getId()).equals(activity.getReference().getReference()))
						.findFirst().orElseThrow()).getReasonReference();
		for (String source : sources) {
			if (source.startsWith("Observation/") && target.stream().noneMatch(r -> source.equals(r.getReference()))) {
				target.add(new Reference(source));
			}
		}
	}

	private static Goal goal(PlanDefinitionGoalComponent definition, Assessment assessment, Reference subject, PlanContext context) {
		Goal goal = new Goal();
		goal.setId("g-" + definition.getId());
		goal.addIdentifier().setSystem(FhirTerms.GOAL_IDENTIFIER).setValue(context.planIdentifier() + "-" + definition.getId());
		goal.setLifecycleStatus(Goal.GoalLifecycleStatus.PROPOSED);
		goal.setDescription(definition.getDescription().copy());
		goal.setSubject(subject.copy());
		goal.setStart(new org.hl7.fhir.r4.model.DateType(Date.from(context.start())));
		for (PlanDefinitionGoalTargetComponent target : definition.getTarget()) {
			Goal.GoalTargetComponent goalTarget = goal.addTarget();
			goalTarget.setMeasure(target.getMeasure().copy());
			if (target.hasDue()) {
				goalTarget.setDue(new org.hl7.fhir.r4.model.DateType(Date.from(GoalDue.from(context.start(), target.getDue()))));
			}
			if (target.hasDetailQuantity()) {
				Quantity detail = target.getDetailQuantity();
				String measure = target.getMeasure().getCodingFirstRep().getCode();
				if ("%".equals(detail.getCode())) {
					// Relative targets (e.g. 70 % of baseline) become a number once a baseline exists.
					assessment.baseline(measure).ifPresent(baseline -> goalTarget.setDetail(new Quantity()
							.setValue(baseline.multiply(detail.getValue()).divide(BigDecimal.valueOf(100), 1, RoundingMode.HALF_UP))
							.setComparator(detail.getComparator())
							.setUnit("{score}").setSystem("http://unitsofmeasure.org").setCode("{score}")));
				} else {
					goalTarget.setDetail(detail.copy());
				}
			}
		}
		return goal;
	}

	public static String summary(Goal goal) {
		StringBuilder text = new StringBuilder(goal.getDescription().getText());
		Goal.GoalTargetComponent target = goal.getTargetFirstRep();
		if (target.hasDetailQuantity()) {
			Quantity detail = target.getDetailQuantity();
			text.append(" (target ").append(detail.hasComparator() ? detail.getComparator().toCode() + " " : "")
					.append(detail.getValue().stripTrailingZeros().toPlainString()).append(detail.hasUnit() ? " " + detail.getUnit() : "").append(")");
		}
		if (target.hasDueDateType()) {
			text.append(" by ").append(target.getDueDateType().getValueAsString());
		}
		return text.toString();
	}

	private static String key(CodeableConcept concept) {
		Coding coding = concept.getCodingFirstRep();
		return coding.getSystem() + "|" + coding.getCode();
	}

	/** Helper for tests and the narrative: the activities' catalogue URLs, in plan order. */
	public static List<String> activityDefinitions(CarePlan plan) {
		List<String> urls = new ArrayList<>();
		for (CarePlanActivityComponent activity : plan.getActivity()) {
			Extension extension = activity.getExtensionByUrl(FhirTerms.ACTIVITY_DEFINITION);
			urls.add(extension == null ? null : extension.getValue().primitiveValue());
		}
		return urls;
	}
}

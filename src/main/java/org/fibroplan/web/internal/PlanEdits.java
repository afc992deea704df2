package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.util.function.Function;
import org.fibroplan.ehr.Delivery;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Timing;
import org.springframework.stereotype.Component;

/**
 * A clinician's changes to a draft plan, each saved as one {@code PUT CarePlan} with {@code If-Match}
 * on the version the clinician was looking at: if anyone (a colleague, or the rules after new answers)
 * changed the plan since, nothing is saved and the clinician is told, with the change they tried.
 */
@Component
class PlanEdits {

	private final ClinicalNames names;
	private final DeliveryNotices delivery;

	PlanEdits(ClinicalNames names, DeliveryNotices delivery) {
		this.names = names;
		this.delivery = delivery;
	}

	/**
	 * What happened to an edit, in words for the page. Serializable: it rides the redirect as a flash
	 * attribute, in the session, which lives in the database.
	 */
	record Outcome(boolean saved, boolean conflict, String message) implements java.io.Serializable {

		static Outcome saved(String message) {
			return new Outcome(true, false, message);
		}

		static Outcome conflict(String attempted) {
			return new Outcome(false, true, "Not saved: this plan was changed by someone else (or revised after new answers) after you opened it. "
					+ "Your change — " + attempted + " — was not applied. Reload the plan to see the current version, then make your change again.");
		}

		static Outcome refused(String message) {
			return new Outcome(false, false, "Not saved: " + message);
		}
	}

	Outcome removeActivity(IGenericClient fhir, String planId, String version, String key) {
		return removeActivity(fhir, planId, version, key, null, null);
	}

	/**
	 * Removes an activity; a reason, when given, is kept as a note of the plan naming the activity (extension
	 * removed-activity), which the server asks for before the urgent review leaves a plan while a red flag stands.
	 */
	Outcome removeActivity(IGenericClient fhir, String planId, String version, String key, String reason, String author) {
		return edit(fhir, planId, version, "remove " + key, plan -> {
			CarePlanActivityComponent activity = find(plan, key);
			if (activity == null) {
				return null;
			}
			String title = title(plan, activity);
			plan.getActivity().remove(activity);
			if (reason != null && !reason.isBlank()) {
				Annotation note = new Annotation().setText("Removed “" + title + "”: " + reason.strip()).setTime(new java.util.Date());
				if (author != null) {
					note.setAuthor(new Reference(author));
				}
				String definition = ActivityView.extension(activity, FhirTerms.ACTIVITY_DEFINITION);
				if (definition != null) {
					note.addExtension(FhirTerms.REMOVED_ACTIVITY, new CanonicalType(definition));
				}
				plan.addNote(note);
			}
			return "Removed " + title + (reason != null && !reason.isBlank() ? ", with your reason in the notes" : "");
		});
	}

	/** The dose alone (API callers' own words elsewhere); the page sends the instruction with it. */
	Outcome changeDose(IGenericClient fhir, String planId, String version, String key, String dose) {
		return changeDose(fhir, planId, version, key, dose, null);
	}

	/**
	 * A new dose and, with it, the instruction the patient reads (the activity's description, which states
	 * the dose in words): the patient reads one instruction, so a new dose beside the old words is refused.
	 */
	Outcome changeDose(IGenericClient fhir, String planId, String version, String key, String dose, String instruction) {
		if (dose == null || dose.isBlank()) {
			return Outcome.refused("the dose may not be empty.");
		}
		if (instruction != null && instruction.isBlank()) {
			return Outcome.refused("the instruction for the patient may not be empty.");
		}
		return edit(fhir, planId, version, "dose of " + key + " → " + dose, plan -> {
			CarePlanActivityComponent activity = find(plan, key);
			if (activity == null) {
				return null;
			}
			if (activity.hasReference()) {
				throw new Refused("a referral's course is set by the service it goes to; say what you want in a note to the plan.");
			}
			var detail = activity.getDetail();
			String before = ActivityView.dose(detail.getScheduled());
			boolean doseChanged = !dose.strip().equals(before);
			if (instruction != null && doseChanged && detail.hasDescription() && instruction.strip().equals(detail.getDescription().strip())) {
				throw new Refused("the new dose is not in what the patient reads. Change the instruction too, so the patient reads one instruction.");
			}
			// The clinician's words replace the schedule: a structured repeat left beside them could contradict them.
			Timing timing = new Timing();
			timing.getCode().setText(dose.strip());
			detail.setScheduled(timing);
			if (instruction != null) {
				detail.setDescription(instruction.strip());
			}
			return "Changed the dose of " + title(plan, activity) + " to “" + dose.strip() + "”";
		});
	}

	Outcome addNote(IGenericClient fhir, String planId, String version, String note, String author) {
		if (note == null || note.isBlank()) {
			return Outcome.refused("the note is empty.");
		}
		return edit(fhir, planId, version, "note “" + note.strip() + "”", plan -> {
			plan.addNote(new Annotation().setText(note.strip()).setTime(new java.util.Date()).setAuthor(new Reference(author)));
			return "Added a note";
		});
	}

	/** Adds the catalogue's activity (an ActivityDefinition, by its id on this server). */
	Outcome addActivity(IGenericClient fhir, String planId, String version, String definitionId) {
		return addActivity(fhir, planId, version, definitionId, null);
	}

	/**
	 * Adds the catalogue's activity; one guidelines advise against (ValueSet advised-against-grades) only with
	 * the clinician's reason, kept with the activity (its reasonCode) and read by the patient as its why.
	 */
	Outcome addActivity(IGenericClient fhir, String planId, String version, String definitionId, String reason) {
		ActivityDefinition definition;
		try {
			definition = fhir.read().resource(ActivityDefinition.class).withId(definitionId).execute();
		} catch (BaseServerResponseException e) {
			return Outcome.refused("no activity " + definitionId + " in the catalogue.");
		}
		String definitionUrl = definition.getUrl();
		String title = definition.hasTitle() ? definition.getTitle() : definition.getName();
		String grade = definition.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE) != null
				&& definition.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE).getValue() instanceof CodeableConcept c
				? c.getCodingFirstRep().getCode() : null;
		boolean advisedAgainst = names.advisedAgainst(grade);
		String why = reason == null || reason.isBlank() ? null : reason.strip();
		if (advisedAgainst && why == null) {
			return Outcome.refused("guidelines advise against " + title + " (" + names.grade(grade)
					+ "). Say why you add it: your reason is kept with the activity and the patient reads it.");
		}
		return edit(fhir, planId, version, "add " + title, plan -> {
			if (find(plan, definitionUrl) != null) {
				return "The plan already holds " + title;
			}
			plan.addActivity(activityFrom(definition, plan, why));
			return "Added " + title + (advisedAgainst ? ", which guidelines advise against, with your reason" : "");
		});
	}

	Outcome approve(IGenericClient fhir, String planId, String version) {
		return edit(fhir, planId, version, "approve the plan", plan -> {
			plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
			return delivery.approved();
		});
	}

	Outcome editGoal(IGenericClient fhir, String goalId, String version, String description) {
		if (description == null || description.isBlank()) {
			return Outcome.refused("the goal needs a description.");
		}
		Goal goal = fhir.read().resource(Goal.class).withId(goalId).execute();
		if (!goal.getIdElement().getVersionIdPart().equals(version)) {
			return Outcome.conflict("goal “" + description.strip() + "”");
		}
		goal.setDescription(new CodeableConcept().setText(description.strip()));
		try {
			fhir.update().resource(goal).withId(goal.getIdElement().toUnqualifiedVersionless())
					.withAdditionalHeader("If-Match", "W/\"" + version + "\"").execute();
			return Outcome.saved("Changed the goal to “" + description.strip() + "”");
		} catch (PreconditionFailedException e) {
			return Outcome.conflict("goal “" + description.strip() + "”");
		} catch (BaseServerResponseException e) {
			return Outcome.refused(RefusalText.of(e));
		}
	}

	/** Sends a finished delivery again: the EHR module takes a Task set back to requested as a retry. */
	Outcome retryDelivery(IGenericClient fhir, String taskId) {
		Task task = fhir.read().resource(Task.class).withId(taskId).execute();
		String target = Delivery.of(task).target();
		task.setStatus(Task.TaskStatus.REQUESTED);
		try {
			fhir.update().resource(task).withId(task.getIdElement().toUnqualifiedVersionless())
					.withAdditionalHeader("If-Match", "W/\"" + task.getIdElement().getVersionIdPart() + "\"").execute();
			return Outcome.saved("Delivery to " + target + " requested again");
		} catch (PreconditionFailedException e) {
			return Outcome.conflict("retry the delivery to " + target);
		} catch (BaseServerResponseException e) {
			return Outcome.refused(RefusalText.of(e));
		}
	}

	private Outcome edit(IGenericClient fhir, String planId, String version, String attemptedChange, Function<CarePlan, String> change) {
		CarePlan plan = fhir.read().resource(CarePlan.class).withId(planId).execute();
		// the clinician's words for the change: the activity's title rather than its definition's url
		String attempted = titled(plan, attemptedChange);
		if (version == null || !version.equals(plan.getIdElement().getVersionIdPart())) {
			return Outcome.conflict(attempted);
		}
		if (plan.getStatus() != CarePlan.CarePlanStatus.DRAFT) {
			return Outcome.refused("this plan is " + plan.getStatus().toCode() + ", not a draft; only drafts are edited.");
		}
		String done;
		try {
			done = change.apply(plan);
		} catch (Refused refused) {
			return Outcome.refused(refused.getMessage());
		}
		if (done == null) {
			return Outcome.refused("the plan no longer holds that activity.");
		}
		try {
			fhir.update().resource(plan).withId(plan.getIdElement().toUnqualifiedVersionless())
					.withAdditionalHeader("If-Match", "W/\"" + version + "\"").execute();
			return Outcome.saved(done);
		} catch (PreconditionFailedException e) {
			return Outcome.conflict(attempted);
		} catch (BaseServerResponseException e) {
			return Outcome.refused(RefusalText.of(e));
		}
	}

	/** A change the page will not send, in words for the clinician: nothing is written. */
	private static final class Refused extends RuntimeException {
		Refused(String message) {
			super(message, null, false, false);
		}
	}

	private String titled(CarePlan plan, String text) {
		String result = text;
		for (CarePlanActivityComponent activity : plan.getActivity()) {
			String key = ActivityView.extension(activity, FhirTerms.ACTIVITY_DEFINITION);
			if (key != null && result.contains(key)) {
				result = result.replace(key, "“" + title(plan, activity) + "”");
			}
		}
		return result;
	}

	private static CarePlanActivityComponent find(CarePlan plan, String key) {
		for (int i = 0; i < plan.getActivity().size(); i++) {
			CarePlanActivityComponent activity = plan.getActivity().get(i);
			String definition = ActivityView.extension(activity, FhirTerms.ACTIVITY_DEFINITION);
			if (key.equals(definition) || key.equals("activity-" + i)) {
				return activity;
			}
		}
		return null;
	}

	/** The activity's name: its code's, else (a stored referral, whose code is in its ServiceRequest) its catalogue title. */
	private String title(CarePlan plan, CarePlanActivityComponent activity) {
		ServiceRequest referral = ActivityView.referral(plan, activity, null);
		if (referral != null) {
			return names.of(referral.getCode());
		}
		if (activity.hasDetail() && activity.getDetail().hasCode()) {
			return names.of(activity.getDetail().getCode());
		}
		return names.activityTitle(ActivityView.extension(activity, FhirTerms.ACTIVITY_DEFINITION)).orElse("the activity");
	}

	/** An activity as the catalogue defines it; a referral becomes a ServiceRequest the plan contains. */
	private static CarePlanActivityComponent activityFrom(ActivityDefinition definition, CarePlan plan, String reason) {
		CarePlanActivityComponent activity = new CarePlanActivityComponent();
		activity.addExtension(FhirTerms.ACTIVITY_DEFINITION, new CanonicalType(definition.getUrl()));
		if (definition.getKind() != null && "ServiceRequest".equals(definition.getKind().toCode())) {
			ServiceRequest referral = new ServiceRequest();
			referral.setId("r-" + definition.getIdElement().getIdPart());
			referral.addInstantiatesCanonical(definition.getUrl());
			referral.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
			referral.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
			referral.setCode(definition.getCode().copy());
			referral.setSubject(plan.getSubject().copy());
			referral.setPatientInstruction(definition.getDescription());
			referral.setAuthoredOnElement(DateTimeType.now());
			if (definition.hasTimingTiming()) {
				referral.setOccurrence(definition.getTimingTiming().copy());
			}
			if (reason != null) {
				referral.addReasonCode().setText(reason);
			}
			plan.getContained().removeIf(r -> r.getIdElement().getIdPart().equals(referral.getIdElement().getIdPart()));
			plan.addContained(referral);
			activity.setReference(new Reference("#" + referral.getIdElement().getIdPart()));
			return activity;
		}
		var detail = activity.getDetail();
		detail.addInstantiatesCanonical(definition.getUrl());
		detail.setCode(definition.getCode().copy());
		detail.setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED);
		detail.setDescription(definition.getDescription());
		if (definition.hasTimingTiming()) {
			detail.setScheduled(definition.getTimingTiming().copy());
		}
		if (reason != null) {
			detail.addReasonCode().setText(reason);
		}
		return activity;
	}
}

package org.fibroplan.ehr.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.fibroplan.careplan.CarePlanActivated;
import org.fibroplan.ehr.DeliveryTargets;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.UrlType;
import org.springframework.stereotype.Component;
import org.fibroplan.fhir.TransactionWrites;

/**
 * The delivery Tasks in FibroPlan's store: one per approved plan version and EHR target (code
 * plan-event#ehr-push, focus = the CarePlan version), grouped per plan lineage and target. Status goes
 * requested → in-progress → completed (output: the EHR's reference) or failed (status reason, and the EHR's
 * OperationOutcome when it sent one); cancelled when a newer approved version supersedes it.
 */
@Component
class DeliveryTasks {

	static final String EHR_PUSH = org.fibroplan.ehr.Delivery.TASK_CODE;

	private final IFhirResourceDao<Task> tasks;
	private final IFhirResourceDao<CarePlan> carePlans;

	DeliveryTasks(DaoRegistry daos) {
		this.tasks = daos.getResourceDao(Task.class);
		this.carePlans = daos.getResourceDao(CarePlan.class);
	}

	/** Whether a resource is one of these Tasks. */
	static boolean isDelivery(Task task) {
		return task.getCode().getCoding().stream().anyMatch(c -> FhirTerms.PLAN_EVENT.equals(c.getSystem()) && EHR_PUSH.equals(c.getCode()));
	}

	/** A new delivery, requested in the transaction that approved the plan. */
	Task request(CarePlanActivated approved, DeliveryTargets.Target target) {
		String carePlanId = new IdType(approved.carePlan()).getIdPart();
		Task task = new Task();
		task.addIdentifier(new Identifier().setSystem(DeliveryKeys.SYSTEM)
				.setValue(DeliveryKeys.task(carePlanId, approved.version(), target.name())));
		task.setGroupIdentifier(new Identifier().setSystem(DeliveryKeys.SYSTEM)
				.setValue(DeliveryKeys.group(approved.planIdentifier(), target.name())));
		task.setStatus(Task.TaskStatus.REQUESTED);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setCode(new CodeableConcept(new Coding(FhirTerms.PLAN_EVENT, EHR_PUSH, "Deliver the approved plan to an EHR")));
		task.setDescription("Deliver the approved care plan to " + target.name());
		task.setFocus(new Reference(approved.carePlan() + "/_history/" + approved.version()));
		task.setFor(new Reference("Patient/" + approved.patient()));
		task.setAuthoredOn(Date.from(approved.approved()));
		task.setLastModified(Date.from(approved.approved()));
		if (approved.approvedBy() != null) {
			task.setRequester(new Reference(approved.approvedBy()));
		}
		task.addInput().setType(type("target", "EHR target")).setValue(new StringType(target.name()));
		task.addInput().setType(type("base-url", "EHR FHIR base")).setValue(new UrlType(target.baseUrl().toString()));
		task.addInput().setType(type("mode", "Delivery mode")).setValue(new StringType(target.mode().name().toLowerCase()));
		task.setBusinessStatus(new CodeableConcept().setText("Waiting to be sent"));
		task.setId(TransactionWrites.create(tasks, task, new SystemRequestDetails()).getId().toUnqualifiedVersionless());
		return task;
	}

	/** The Tasks of a group still to deliver (requested, or in progress between attempts), oldest first. */
	List<Task> pending(String group) {
		return search(group, "requested", "in-progress");
	}

	/** The last delivered Task of a group (its output names the EHR's copy of the previous version). */
	Optional<Task> lastDelivered(String group) {
		return search(group, "completed").stream().max(Comparator.comparing(Task::getLastModified));
	}

	/** Every Task waiting for delivery, to check each has a scheduled run. */
	List<Task> allPending() {
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add(Task.SP_CODE, new TokenParam(FhirTerms.PLAN_EVENT, EHR_PUSH))
				.add(Task.SP_STATUS, new TokenOrListParam().add("requested").add("in-progress"));
		return tasks.search(search, new SystemRequestDetails()).getAllResources().stream().map(Task.class::cast).toList();
	}

	/** The current status of the plan a Task delivers (a version is only worth sending while its plan is active). */
	CarePlan.CarePlanStatus planStatus(Task task) {
		IdType plan = new IdType(task.getFocus().getReference()).toUnqualifiedVersionless();
		try {
			return carePlans.read(plan, new SystemRequestDetails()).getStatus();
		} catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException | ca.uhn.fhir.rest.server.exceptions.ResourceGoneException e) {
			return CarePlan.CarePlanStatus.ENTEREDINERROR;
		}
	}

	Task read(IdType id) {
		return tasks.read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
	}

	void started(Task task, int attempt) {
		task.setStatus(Task.TaskStatus.INPROGRESS);
		task.setBusinessStatus(new CodeableConcept().setText("Sending, attempt " + attempt));
		setAttempts(task, attempt);
		save(task);
	}

	void delivered(Task task, String mode, String ehrReference) {
		task.setStatus(Task.TaskStatus.COMPLETED);
		task.setBusinessStatus(new CodeableConcept().setText("Delivered as " + (mode.equals("fhir") ? "a FHIR transaction" : "a document")));
		task.setStatusReason(null);
		task.getOutput().removeIf(o -> !DeliveryTaskFields.hasType(o.getType(), "attempts"));
		task.getContained().clear();
		task.addOutput().setType(type("mode", "Delivery mode")).setValue(new StringType(mode));
		task.addOutput().setType(type("ehr-resource", "Resource in the EHR")).setValue(new Reference(ehrReference));
		save(task);
	}

	void waitingToRetry(Task task, String reason, Date next) {
		task.setBusinessStatus(new CodeableConcept().setText("Attempt " + DeliveryTaskFields.attempts(task) + " failed (" + reason + "); next attempt at "
				+ next.toInstant()));
		save(task);
	}

	/** The EHR refused, or delivery gave up: the Task fails with the reason and the EHR's own answer. */
	void failed(Task task, String reason, OperationOutcome ehrAnswer) {
		task.setStatus(Task.TaskStatus.FAILED);
		task.setStatusReason(new CodeableConcept().setText(reason));
		task.setBusinessStatus(new CodeableConcept().setText("Not delivered"));
		task.getOutput().removeIf(o -> !DeliveryTaskFields.hasType(o.getType(), "attempts"));
		task.getContained().clear();
		if (ehrAnswer != null) {
			OperationOutcome contained = ehrAnswer.copy();
			contained.setId("ehr-outcome");
			contained.setMeta(null);
			task.addContained(contained);
			task.addOutput().setType(type("ehr-outcome", "EHR's answer")).setValue(new Reference("#ehr-outcome"));
		}
		save(task);
	}

	void superseded(Task task, String reason) {
		task.setStatus(Task.TaskStatus.CANCELLED);
		task.setStatusReason(new CodeableConcept().setText(reason));
		task.setBusinessStatus(new CodeableConcept().setText("Superseded"));
		save(task);
	}

	private static void setAttempts(Task task, int attempts) {
		task.getOutput().removeIf(o -> DeliveryTaskFields.hasType(o.getType(), "attempts"));
		task.addOutput().setType(type("attempts", "Attempts")).setValue(new IntegerType(attempts));
	}

	private void save(Task task) {
		task.setLastModified(new Date());
		TransactionWrites.update(tasks, task, new SystemRequestDetails());
	}

	private List<Task> search(String group, String... statuses) {
		TokenOrListParam status = new TokenOrListParam();
		for (String s : statuses) {
			status.add(s);
		}
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add(Task.SP_GROUP_IDENTIFIER, new TokenParam(DeliveryKeys.SYSTEM, group))
				.add(Task.SP_STATUS, status);
		search.setSort(new SortSpec(Task.SP_AUTHORED_ON, SortOrderEnum.ASC));
		return tasks.search(search, new SystemRequestDetails()).getAllResources().stream().map(Task.class::cast).toList();
	}

	private static CodeableConcept type(String code, String display) {
		return new CodeableConcept(new Coding(FhirTerms.EHR_DELIVERY, code, display));
	}
}

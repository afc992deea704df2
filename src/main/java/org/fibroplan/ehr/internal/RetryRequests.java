package org.fibroplan.ehr.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Date;
import java.util.EnumSet;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Task;

/**
 * What clients may do with delivery Tasks: ask for a retry (or a resend) by setting a finished Task's
 * status back to {@code requested}. Everything else about them is FibroPlan's to write: creating one, or
 * changing anything but that status, is refused with 422; retrying a version whose plan is no longer
 * active is refused with 409, since sending it would overwrite the newer plan in the EHR.
 */
@Interceptor
class RetryRequests {

	private static final EnumSet<Task.TaskStatus> FINISHED =
			EnumSet.of(Task.TaskStatus.COMPLETED, Task.TaskStatus.FAILED, Task.TaskStatus.CANCELLED);

	private final DeliveryTasks tasks;
	private final DeliveryQueue queue;

	RetryRequests(DeliveryTasks tasks, DeliveryQueue queue) {
		this.tasks = tasks;
		this.queue = queue;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		if (request instanceof ServletRequestDetails && resource instanceof Task task && DeliveryTasks.isDelivery(task)) {
			throw refused("Delivery Tasks are created when a clinician approves a plan; to deliver a plan again, "
					+ "set its existing Task's status to requested.");
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		if (!(request instanceof ServletRequestDetails) || !(previous instanceof Task before) || !DeliveryTasks.isDelivery(before)) {
			return;
		}
		Task task = (Task) resource;
		if (task.getStatus() != Task.TaskStatus.REQUESTED || !FINISHED.contains(before.getStatus())) {
			throw refused("Only FibroPlan changes a delivery Task, except to ask for a retry: set the status of a completed, "
					+ "failed or cancelled Task to requested (this one is " + before.getStatus().toCode() + ").");
		}
		if (tasks.planStatus(before) != CarePlan.CarePlanStatus.ACTIVE) {
			throw new ResourceVersionConflictException(before.getFocus().getReference() + " is no longer the active plan; "
					+ "sending it would overwrite the newer plan in the EHR. Retry the active plan's Task instead.");
		}
		before.copyValues(task); // the retry changes the status, nothing else
		task.setStatus(Task.TaskStatus.REQUESTED);
		task.setStatusReason(null);
		task.setBusinessStatus(new CodeableConcept().setText("Retry requested"));
		task.getOutput().clear();
		task.getContained().clear();
		task.setLastModified(new Date());
		queue.wake(task.getGroupIdentifier().getValue());
	}

	private static UnprocessableEntityException refused(String message) {
		return new UnprocessableEntityException(message, Outcomes.error(OperationOutcome.IssueType.BUSINESSRULE, message));
	}
}

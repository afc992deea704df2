package org.fibroplan.ehr;

import java.util.Date;
import org.fibroplan.ehr.internal.DeliveryTaskFields;
import org.hl7.fhir.r4.model.Task;

/**
 * One delivery of an approved plan version to one EHR target, as its Task (code plan-event#ehr-push) tells
 * it: how pages and tools read a delivery without knowing the Task's inputs and outputs.
 *
 * @param taskId the Task id
 * @param version the Task version
 * @param target the target's name (fibroplan.ehr.targets[N].name)
 * @param status the Task status code (requested, in-progress, completed, failed, cancelled)
 * @param businessStatus what the delivery is doing, in words
 * @param reason why it failed or was cancelled, in words
 * @param attempts how many times it was sent
 * @param ehrResource the EHR's reference for what it stored, once delivered
 * @param lastUpdated when the Task last changed
 */
public record Delivery(String taskId, String version, String target, String status, String businessStatus, String reason,
		int attempts, String ehrResource, Date lastUpdated) {

	/** The Task code (system plan-event) of a delivery. */
	public static final String TASK_CODE = "ehr-push";

	public static Delivery of(Task task) {
		return new Delivery(
				task.getIdElement().getIdPart(),
				task.getIdElement().getVersionIdPart(),
				DeliveryTaskFields.input(task, "target").orElse("?"),
				task.getStatus() == null ? "unknown" : task.getStatus().toCode(),
				task.getBusinessStatus().getText(),
				task.getStatusReason().getText(),
				DeliveryTaskFields.attempts(task),
				DeliveryTaskFields.output(task, "ehr-resource").orElse(null),
				task.getMeta().getLastUpdated());
	}

	/** A finished delivery may be sent again (a retry or a resend), never one still under way. */
	public boolean retryable() {
		return status.equals("failed") || status.equals("completed") || status.equals("cancelled");
	}

	/** Failed, or still being refused by the EHR after more than one attempt: a person should look. */
	public boolean needsAttention() {
		return status.equals("failed") || (status.equals("in-progress") && attempts > 1);
	}

	public String summary() {
		String detail = reason != null ? reason : businessStatus;
		return detail == null ? status : status + " — " + detail;
	}
}

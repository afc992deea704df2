package org.fibroplan.web.internal;

import java.util.Date;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Type;

/** One delivery of an approved plan version to one EHR target, as its Task tells it. */
record DeliveryRow(String taskId, String version, String target, String status, String businessStatus, String reason,
		int attempts, String ehrResource, Date lastUpdated, boolean retryable) {

	static DeliveryRow of(Task task) {
		String status = task.getStatus() == null ? "unknown" : task.getStatus().toCode();
		return new DeliveryRow(
				task.getIdElement().getIdPart(),
				task.getIdElement().getVersionIdPart(),
				input(task, "target"),
				status,
				task.getBusinessStatus().getText(),
				task.getStatusReason().getText(),
				parse(output(task, "attempts")),
				output(task, "ehr-resource"),
				task.getMeta().getLastUpdated(),
				// a finished delivery may be sent again (a retry or a resend), never one still under way
				status.equals("failed") || status.equals("completed") || status.equals("cancelled"));
	}

	String summary() {
		String detail = reason != null ? reason : businessStatus;
		return detail == null ? status : status + " — " + detail;
	}

	private static String input(Task task, String code) {
		return task.getInput().stream().filter(i -> i.getType().getCoding().stream().anyMatch(c -> code.equals(c.getCode())))
				.map(i -> text(i.getValue())).findFirst().orElse("?");
	}

	private static String output(Task task, String code) {
		return task.getOutput().stream().filter(o -> o.getType().getCoding().stream().anyMatch(c -> code.equals(c.getCode())))
				.map(o -> text(o.getValue())).findFirst().orElse(null);
	}

	private static String text(Type value) {
		if (value == null) {
			return null;
		}
		if (value instanceof org.hl7.fhir.r4.model.Reference reference) {
			return reference.getReference();
		}
		return value.primitiveValue();
	}

	private static int parse(String number) {
		try {
			return number == null ? 0 : Integer.parseInt(number);
		} catch (NumberFormatException e) {
			return 0;
		}
	}
}

package org.fibroplan.web.internal.panel;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.web.internal.PatientNames;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Type;

/**
 * One patient in the work queue, as their open clinician-review Task tells it: why (the reasons, a red
 * flag first), how pressing (the Task priority), the PEG numbers the Task carries and since when.
 */
record QueueRow(
		String patientId,
		String name,
		String priority,
		List<Reason> reasons,
		BigDecimal pegNow,
		BigDecimal pegBaseline,
		Integer pegChangePercent,
		String pegCategory,
		String pegCategoryDisplay,
		Date since,
		List<String> deliveryProblems) {

	static final String RED_FLAG = "red-flag";

	/** One reason of the Task (a coding of CodeSystem review-reason). */
	record Reason(String code, String display) {
		public boolean redFlag() {
			return RED_FLAG.equals(code);
		}
	}

	static QueueRow of(Task task, Patient patient, List<String> deliveryProblems) {
		String patientId = task.getFor().getReferenceElement().getIdPart();
		Optional<Coding> category = input(task, "peg-change-category").filter(Coding.class::isInstance).map(Coding.class::cast);
		return new QueueRow(
				patientId,
				PatientNames.of(patient, patientId),
				task.hasPriority() ? task.getPriority().toCode() : "routine",
				reasons(task),
				input(task, "latest-peg").filter(DecimalType.class::isInstance).map(v -> ((DecimalType) v).getValue()).orElse(null),
				input(task, "baseline-peg").filter(DecimalType.class::isInstance).map(v -> ((DecimalType) v).getValue()).orElse(null),
				input(task, "peg-change-percent").filter(IntegerType.class::isInstance).map(v -> ((IntegerType) v).getValue()).orElse(null),
				category.map(Coding::getCode).orElse(null),
				category.map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode()).orElse(null),
				task.getAuthoredOn(),
				deliveryProblems);
	}

	public boolean stat() {
		return "stat".equals(priority);
	}

	public boolean urgent() {
		return "urgent".equals(priority);
	}

	/** A red flag is named first whatever order the Task lists its reasons in. */
	private static List<Reason> reasons(Task task) {
		return task.getReasonCode().getCoding().stream()
				.filter(c -> FhirTerms.REVIEW_REASON.equals(c.getSystem()))
				.map(c -> new Reason(c.getCode(), c.hasDisplay() ? c.getDisplay() : c.getCode()))
				.sorted(Comparator.comparing(r -> !r.redFlag()))
				.toList();
	}

	private static Optional<Type> input(Task task, String type) {
		return task.getInput().stream()
				.filter(i -> i.getType().getCoding().stream().anyMatch(c -> FhirTerms.REVIEW_REASON.equals(c.getSystem()) && type.equals(c.getCode())))
				.map(Task.ParameterComponent::getValue)
				.findFirst();
	}
}

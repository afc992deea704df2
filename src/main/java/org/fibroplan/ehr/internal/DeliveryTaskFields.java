package org.fibroplan.ehr.internal;

import java.util.Optional;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Type;

/** Reads a delivery Task's inputs and outputs, typed by codes of CodeSystem ehr-delivery: the one reader of that layout. */
public final class DeliveryTaskFields {

	private DeliveryTaskFields() {}

	public static Optional<String> input(Task task, String code) {
		return task.getInput().stream().filter(i -> hasType(i.getType(), code)).findFirst().map(i -> text(i.getValue()));
	}

	public static Optional<String> output(Task task, String code) {
		return task.getOutput().stream().filter(o -> hasType(o.getType(), code)).findFirst().map(o -> text(o.getValue()));
	}

	public static int attempts(Task task) {
		return task.getOutput().stream().filter(o -> hasType(o.getType(), "attempts")).findFirst()
				.map(o -> o.getValue() instanceof IntegerType n && n.getValue() != null ? n.getValue() : 0).orElse(0);
	}

	static boolean hasType(CodeableConcept type, String code) {
		return type.getCoding().stream().anyMatch(c -> FhirTerms.EHR_DELIVERY.equals(c.getSystem()) && code.equals(c.getCode()));
	}

	private static String text(Type value) {
		if (value == null) {
			return null;
		}
		return value instanceof Reference reference ? reference.getReference() : value.primitiveValue();
	}
}

package org.fibroplan.pro.internal;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * Answers the Questionnaire computes itself (read-only items with an SDC calculatedExpression, such as
 * the PEG score): a value a client sends for one must be the computed value, at the precision sent
 * (5.67 and 5.7 for 17/3 are right, 99 is not). FibroPlan never trusts such a value: scores come from
 * the answers.
 */
final class CalculatedAnswers {

	static final String CALCULATED_EXPRESSION =
			"http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";

	/** A supplied answer that is not what the Questionnaire computes. */
	record Mismatch(String location, String linkId, String message) {}

	private static final int PRECISION = 10;

	private final FhirContext fhirContext;

	CalculatedAnswers(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	List<Mismatch> mismatches(QuestionnaireResponse response, Questionnaire questionnaire) {
		List<Mismatch> mismatches = new ArrayList<>();
		collect(questionnaire.getItem(), response, mismatches);
		return mismatches;
	}

	private void collect(List<Questionnaire.QuestionnaireItemComponent> items, QuestionnaireResponse response, List<Mismatch> mismatches) {
		for (Questionnaire.QuestionnaireItemComponent item : items) {
			Extension calculated = item.getExtensionByUrl(CALCULATED_EXPRESSION);
			if (item.getReadOnly() && calculated != null && calculated.getValue() instanceof Expression expression
					&& "text/fhirpath".equals(expression.getLanguage())) {
				check(item.getLinkId(), expression.getExpression(), response, mismatches);
			}
			collect(item.getItem(), response, mismatches);
		}
	}

	private void check(String linkId, String expression, QuestionnaireResponse response, List<Mismatch> mismatches) {
		List<String> locations = new ArrayList<>();
		List<QuestionnaireResponseItemComponent> supplied = new ArrayList<>();
		find(response.getItem(), "QuestionnaireResponse", linkId, locations, supplied);
		for (int i = 0; i < supplied.size(); i++) {
			QuestionnaireResponseItemComponent answered = supplied.get(i);
			if (!answered.hasAnswer()) {
				continue;
			}
			List<Base> computed = evaluate(response, expression);
			Type value = answered.getAnswerFirstRep().getValue();
			if (answered.getAnswer().size() > 1 || computed.size() != 1 || !matches(value, computed.get(0))) {
				String expected = computed.size() == 1 ? shown(computed.get(0)) : "nothing (not every answer it needs is given)";
				mismatches.add(new Mismatch(locations.get(i), linkId, "is calculated by the questionnaire and read-only: "
						+ (value == null ? "the answer" : "'" + value.primitiveValue() + "'") + " was sent, the answers give "
						+ expected + ". Leave it out or send the calculated value."));
			}
		}
	}

	private List<Base> evaluate(QuestionnaireResponse response, String expression) {
		try {
			return fhirContext.newFhirPath().evaluate(withPreciseNumbers(response), expression, Base.class);
		} catch (RuntimeException e) {
			return List.of();
		}
	}

	/**
	 * FHIRPath keeps a quotient only to its operands' significant digits (17 / 3 gives 5.7); numbers
	 * read with ten decimal places give the quotient to that precision, so the check is not misled.
	 */
	private static QuestionnaireResponse withPreciseNumbers(QuestionnaireResponse response) {
		QuestionnaireResponse copy = response.copy();
		precise(copy.getItem());
		return copy;
	}

	private static void precise(List<QuestionnaireResponseItemComponent> items) {
		for (QuestionnaireResponseItemComponent item : items) {
			for (var answer : item.getAnswer()) {
				if (answer.getValue() instanceof IntegerType integer && integer.getValue() != null) {
					answer.setValue(new DecimalType(BigDecimal.valueOf(integer.getValue()).setScale(PRECISION)));
				} else if (answer.getValue() instanceof DecimalType decimal && decimal.getValue() != null
						&& decimal.getValue().scale() < PRECISION) {
					answer.setValue(new DecimalType(decimal.getValue().setScale(PRECISION)));
				}
				precise(answer.getItem());
			}
			precise(item.getItem());
		}
	}

	private static boolean matches(Type supplied, Base computed) {
		if (supplied == null || !supplied.isPrimitive() || !computed.isPrimitive()) {
			return false;
		}
		try {
			BigDecimal given = new BigDecimal(supplied.primitiveValue());
			BigDecimal exact = new BigDecimal(computed.primitiveValue());
			// Right when it is the computed value rounded to the places sent (never looser than one millionth).
			BigDecimal halfUnit = BigDecimal.ONE.movePointLeft(Math.max(given.scale(), 0)).divide(BigDecimal.valueOf(2));
			return given.subtract(exact).abs().compareTo(halfUnit.max(new BigDecimal("0.000001"))) <= 0;
		} catch (NumberFormatException notNumbers) {
			return supplied.primitiveValue().equals(computed.primitiveValue());
		}
	}

	/** The computed value as people write it: 5.67 for 5.6666666667, 6 for 6.0000000000. */
	private static String shown(Base computed) {
		try {
			return new BigDecimal(computed.primitiveValue()).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
		} catch (NumberFormatException notANumber) {
			return computed.primitiveValue();
		}
	}

	private static void find(List<QuestionnaireResponseItemComponent> items, String path, String linkId,
			List<String> locations, List<QuestionnaireResponseItemComponent> found) {
		for (int i = 0; i < items.size(); i++) {
			QuestionnaireResponseItemComponent item = items.get(i);
			String itemPath = path + ".item[" + i + "]";
			if (linkId.equals(item.getLinkId())) {
				locations.add(itemPath);
				found.add(item);
			}
			find(item.getItem(), itemPath, linkId, locations, found);
			for (int a = 0; a < item.getAnswer().size(); a++) {
				find(item.getAnswer().get(a).getItem(), itemPath + ".answer[" + a + "]", linkId, locations, found);
			}
		}
	}
}

package org.fibroplan.web.internal.questionnaire;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;

/** The minValue / maxValue extensions of a number item, and how to tell a patient about them. */
record Range(BigDecimal min, BigDecimal max) {

	static final String MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
	static final String MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";

	static Range of(QuestionnaireItemComponent item) {
		return new Range(bound(item, MIN_VALUE), bound(item, MAX_VALUE));
	}

	boolean contains(BigDecimal value) {
		return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
	}

	/** The one message for a wrong or out-of-range number: it says what would be right. */
	String ask(boolean wholeNumber) {
		return "Please enter " + expected(wholeNumber) + ".";
	}

	/** What fits: "a whole number from 0 to 10", "a number of 0 or more". */
	String expected(boolean wholeNumber) {
		String what = wholeNumber ? "a whole number" : "a number";
		if (min != null && max != null) {
			return what + " from " + plain(min) + " to " + plain(max);
		}
		if (min != null) {
			return what + " of " + plain(min) + " or more";
		}
		if (max != null) {
			return what + " of " + plain(max) + " or less";
		}
		return what + (wholeNumber ? ", for example 4" : ", for example 2.5");
	}

	static String plain(BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros().toPlainString();
	}

	private static BigDecimal bound(QuestionnaireItemComponent item, String url) {
		var extension = item.getExtensionByUrl(url);
		if (extension == null || extension.getValue() == null) {
			return null;
		}
		try {
			return new BigDecimal(extension.getValue().primitiveValue());
		} catch (NumberFormatException | NullPointerException e) {
			return null; // a date or other non-number bound: not a number range this form can check
		}
	}
}

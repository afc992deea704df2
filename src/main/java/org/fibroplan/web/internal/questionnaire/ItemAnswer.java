package org.fibroplan.web.internal.questionnaire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/** One item's field values read as FHIR answers, or the reason in words a patient understands why not. */
record ItemAnswer(List<Type> values, String problem) {

	static final String ANSWER = "Please answer this question";
	private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
	private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
	private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

	static ItemAnswer read(QuestionnaireItemComponent item, ItemKind kind, List<String> raw) {
		return switch (kind) {
			case INTEGER -> wholeNumber(Range.of(item), raw);
			case DECIMAL -> number(Range.of(item), raw);
			case YES_NO -> yesNo(raw);
			// an unticked box sends nothing: for an optional yes/no that is the patient's "no"
			case TICK -> raw.isEmpty() ? answer(new BooleanType(false)) : yesNo(raw);
			case CHOICE, CHOICES -> choice(item, kind, raw);
			case STRING, TEXT -> text(item, raw);
			default -> answer();
		};
	}

	boolean isEmpty() {
		return values.isEmpty();
	}

	/**
	 * What to ask when a required, enabled item has no answer: first that it was left out (a patient who
	 * skipped it should not read it as a wrong answer), then what fits.
	 */
	static String missing(QuestionnaireItemComponent item, ItemKind kind) {
		return switch (kind) {
			case INTEGER -> ANSWER + " with " + Range.of(item).expected(true) + ".";
			case DECIMAL -> ANSWER + " with " + Range.of(item).expected(false) + ".";
			case YES_NO, TICK -> ANSWER + ": yes or no.";
			case CHOICE -> ANSWER + " by choosing one answer.";
			case CHOICES -> ANSWER + " by ticking at least one answer.";
			case GROUP -> "Please answer at least one question in this section.";
			default -> ANSWER + ".";
		};
	}

	private static ItemAnswer wholeNumber(Range range, List<String> raw) {
		if (raw.isEmpty()) {
			return answer();
		}
		String text = raw.get(0);
		if (raw.size() > 1 || !WHOLE.matcher(text).matches()) {
			return refused(range.ask(true));
		}
		BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
		if (value.compareTo(INT_MIN) < 0 || value.compareTo(INT_MAX) > 0 || !range.contains(new BigDecimal(value))) {
			return refused(range.ask(true));
		}
		return answer(new IntegerType(value.intValueExact()));
	}

	private static ItemAnswer number(Range range, List<String> raw) {
		if (raw.isEmpty()) {
			return answer();
		}
		// many patients write a decimal comma; one comma and no point can only mean that
		String text = raw.get(0).indexOf(',') == raw.get(0).lastIndexOf(',') && !raw.get(0).contains(".")
				? raw.get(0).replace(',', '.') : raw.get(0);
		if (raw.size() > 1 || !DECIMAL.matcher(text).matches()) {
			return refused(range.ask(false));
		}
		BigDecimal value = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
		return range.contains(value) ? answer(new DecimalType(value)) : refused(range.ask(false));
	}

	private static ItemAnswer yesNo(List<String> raw) {
		if (raw.isEmpty()) {
			return answer();
		}
		if (raw.size() > 1 || !(raw.get(0).equals("true") || raw.get(0).equals("false"))) {
			return refused("Please choose yes or no.");
		}
		return answer(new BooleanType(raw.get(0).equals("true")));
	}

	private static ItemAnswer choice(QuestionnaireItemComponent item, ItemKind kind, List<String> raw) {
		if (kind == ItemKind.CHOICE && raw.size() > 1) {
			return refused("Please choose only one answer.");
		}
		List<Type> chosen = new ArrayList<>();
		for (String value : raw) {
			Type option = item.getAnswerOption().stream()
					.map(o -> o.getValue())
					.filter(v -> value.equals(FieldValues.encode(v)))
					.findFirst()
					.orElse(null);
			if (option == null) {
				return refused("Please choose one of the answers shown.");
			}
			chosen.add(option.copy());
		}
		return new ItemAnswer(chosen, null);
	}

	private static ItemAnswer text(QuestionnaireItemComponent item, List<String> raw) {
		if (raw.isEmpty()) {
			return answer();
		}
		String text = String.join("\n", raw);
		if (item.hasMaxLength() && text.length() > item.getMaxLength()) {
			return refused("Please use no more than " + item.getMaxLength() + " characters.");
		}
		return answer(new StringType(text));
	}

	private static ItemAnswer answer(Type... values) {
		return new ItemAnswer(List.of(values), null);
	}

	private static ItemAnswer refused(String problem) {
		return new ItemAnswer(List.of(), problem);
	}
}

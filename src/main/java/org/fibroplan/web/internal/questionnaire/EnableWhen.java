package org.fibroplan.web.internal.questionnaire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire.EnableWhenBehavior;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemEnableWhenComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemOperator;
import org.hl7.fhir.r4.model.Type;

/**
 * An item's enableWhen conditions, judged as the server's validator judges them: a question with no
 * answer satisfies nothing but "exists = false", and a condition holds if any answer meets it.
 */
final class EnableWhen {

	private static final ObjectMapper JSON = new ObjectMapper();

	private EnableWhen() {
	}

	static boolean holds(QuestionnaireItemComponent item, Map<String, List<Type>> answers) {
		if (!item.hasEnableWhen()) {
			return true;
		}
		var conditions = item.getEnableWhen().stream().map(c -> holds(c, answers.getOrDefault(c.getQuestion(), List.of())));
		return item.getEnableBehavior() == EnableWhenBehavior.ANY ? conditions.anyMatch(b -> b) : conditions.allMatch(b -> b);
	}

	/** The conditions for enable-when.js: question, operator, answer as a field value, and whether to compare as numbers. */
	static String json(QuestionnaireItemComponent item) {
		if (!item.hasEnableWhen()) {
			return null;
		}
		List<Map<String, Object>> conditions = item.getEnableWhen().stream().map(c -> {
			Map<String, Object> condition = new LinkedHashMap<>();
			condition.put("question", c.getQuestion());
			condition.put("operator", c.getOperator() == null ? null : c.getOperator().toCode());
			condition.put("answer", FieldValues.encode(c.getAnswer()));
			condition.put("numeric", number(c.getAnswer()) != null);
			return condition;
		}).toList();
		try {
			return JSON.writeValueAsString(conditions);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("enableWhen of " + item.getLinkId() + " cannot be written as JSON", e);
		}
	}

	static String behavior(QuestionnaireItemComponent item) {
		return item.getEnableBehavior() == EnableWhenBehavior.ANY ? "any" : "all";
	}

	private static boolean holds(QuestionnaireItemEnableWhenComponent condition, List<Type> answers) {
		QuestionnaireItemOperator operator = condition.getOperator();
		if (operator == QuestionnaireItemOperator.EXISTS) {
			boolean expected = condition.getAnswer() instanceof BooleanType b && b.booleanValue();
			return !answers.isEmpty() == expected;
		}
		return answers.stream().anyMatch(answer -> meets(answer, operator, condition.getAnswer()));
	}

	private static boolean meets(Type answer, QuestionnaireItemOperator operator, Type expected) {
		BigDecimal a = number(answer);
		BigDecimal b = number(expected);
		if (a != null && b != null) {
			int c = a.compareTo(b);
			return switch (operator) {
				case EQUAL -> c == 0;
				case NOT_EQUAL -> c != 0;
				case GREATER_THAN -> c > 0;
				case LESS_THAN -> c < 0;
				case GREATER_OR_EQUAL -> c >= 0;
				case LESS_OR_EQUAL -> c <= 0;
				default -> false;
			};
		}
		boolean equal = answer instanceof Coding coding && expected instanceof Coding wanted
				? Objects.equals(coding.getCode(), wanted.getCode()) && (!wanted.hasSystem() || Objects.equals(coding.getSystem(), wanted.getSystem()))
				: Objects.equals(FieldValues.encode(answer), FieldValues.encode(expected));
		return switch (operator) {
			case EQUAL -> equal;
			case NOT_EQUAL -> !equal;
			default -> false; // ordering is only defined here for numbers
		};
	}

	private static BigDecimal number(Type value) {
		if (value instanceof IntegerType i && i.getValue() != null) {
			return BigDecimal.valueOf(i.getValue());
		}
		if (value instanceof DecimalType d) {
			return d.getValue();
		}
		return null;
	}
}

package org.fibroplan.demo.internal;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Fills in a Questionnaire the way a patient's app would: answers by linkId become items in the
 * Questionnaire's order and nesting, typed as each item says (a choice answer is the option's own
 * Coding), so the data file needs neither groups nor code systems.
 */
public final class ResponseForm {

	private ResponseForm() {}

	/** The response's items; throws if an answer names no item of the Questionnaire or fits none of its options. */
	public static void fill(QuestionnaireResponse response, Questionnaire questionnaire, Map<String, Object> answers) {
		Set<String> used = new HashSet<>();
		for (QuestionnaireItemComponent item : questionnaire.getItem()) {
			QuestionnaireResponseItemComponent filled = item(item, answers, used);
			if (filled != null) {
				response.addItem(filled);
			}
		}
		Set<String> unknown = new HashSet<>(answers.keySet());
		unknown.removeAll(used);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException(questionnaire.getUrl() + " has no items " + unknown);
		}
	}

	private static QuestionnaireResponseItemComponent item(QuestionnaireItemComponent item, Map<String, Object> answers, Set<String> used) {
		if (item.getType() == Questionnaire.QuestionnaireItemType.GROUP) {
			QuestionnaireResponseItemComponent group = new QuestionnaireResponseItemComponent().setLinkId(item.getLinkId());
			for (QuestionnaireItemComponent child : item.getItem()) {
				QuestionnaireResponseItemComponent filled = item(child, answers, used);
				if (filled != null) {
					group.addItem(filled);
				}
			}
			// A group nobody answered into is left out, as an app would.
			return group.hasItem() ? group : null;
		}
		if (!answers.containsKey(item.getLinkId())) {
			return null;
		}
		used.add(item.getLinkId());
		Object given = answers.get(item.getLinkId());
		QuestionnaireResponseItemComponent answered = new QuestionnaireResponseItemComponent().setLinkId(item.getLinkId());
		for (Object value : given instanceof List<?> list ? list : List.of(given)) {
			answered.addAnswer().setValue(value(item, value));
		}
		return answered;
	}

	private static Type value(QuestionnaireItemComponent item, Object value) {
		return switch (item.getType()) {
			case INTEGER -> new IntegerType(((Number) expect(item, value, Number.class)).intValue());
			case DECIMAL -> new DecimalType(new BigDecimal(expect(item, value, Number.class).toString()));
			case BOOLEAN -> new BooleanType((Boolean) expect(item, value, Boolean.class));
			case STRING, TEXT -> new StringType((String) expect(item, value, String.class));
			case CHOICE -> option(item, (String) expect(item, value, String.class));
			default -> throw new IllegalArgumentException("Item '" + item.getLinkId() + "' is of type " + item.getType().toCode()
					+ ", which the demo cannot answer");
		};
	}

	private static Coding option(QuestionnaireItemComponent item, String code) {
		return item.getAnswerOption().stream()
				.filter(o -> o.hasValueCoding() && code.equals(o.getValueCoding().getCode()))
				.map(o -> o.getValueCoding().copy())
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Item '" + item.getLinkId() + "' has no answer option '" + code + "'"));
	}

	private static Object expect(QuestionnaireItemComponent item, Object value, Class<?> type) {
		if (!type.isInstance(value)) {
			throw new IllegalArgumentException("Item '" + item.getLinkId() + "' (" + item.getType().toCode() + ") cannot take '" + value + "'");
		}
		return value;
	}
}

package org.fibroplan.web.internal.questionnaire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * A Questionnaire ready for the template patient/questionnaire-form.html: the items to draw, with the
 * values and errors to draw them with. Calculated and hidden items (scores) are not drawn.
 */
public final class QuestionnaireForm {

	private final Questionnaire questionnaire;
	private final List<FormItem> items;
	private final List<FormError> itemErrors = new ArrayList<>();
	private final List<String> formErrors = new ArrayList<>();

	private QuestionnaireForm(Questionnaire questionnaire, FieldValues fields, ItemErrors errors) {
		this.questionnaire = questionnaire;
		AnsweredQuestionnaire answered = AnsweredQuestionnaire.of(questionnaire, fields);
		Set<String> placed = new HashSet<>();
		this.items = items(questionnaire.getItem(), answered, fields, errors, true, placed);
		formErrors.addAll(errors.formLevel());
		// an error for an item not on the page (a score, a hidden question) must still be seen
		for (String linkId : errors.linkIds()) {
			if (!placed.contains(linkId)) {
				String text = textOf(questionnaire.getItem(), linkId);
				formErrors.add((text == null ? "" : text + ": ") + errors.forItem(linkId).orElse(""));
			}
		}
	}

	/** An empty form. */
	public static QuestionnaireForm of(Questionnaire questionnaire) {
		return new QuestionnaireForm(questionnaire, FieldValues.none(), ItemErrors.none());
	}

	/** Filled with earlier answers, e.g. an in-progress response or last time's, for the patient to change. */
	public static QuestionnaireForm of(Questionnaire questionnaire, org.hl7.fhir.r4.model.QuestionnaireResponse earlier) {
		return new QuestionnaireForm(questionnaire, FieldValues.of(earlier), ItemErrors.none());
	}

	/** Shown again after a submission was refused: what the patient entered, and what to fix. */
	public static QuestionnaireForm of(Questionnaire questionnaire, Map<String, List<String>> submitted, ItemErrors errors) {
		return new QuestionnaireForm(questionnaire, FieldValues.of(submitted), errors == null ? ItemErrors.none() : errors);
	}

	public String getTitle() {
		return questionnaire.hasTitle() ? questionnaire.getTitle() : questionnaire.getName();
	}

	public String getDescription() {
		return questionnaire.hasDescription() ? questionnaire.getDescription() : null;
	}

	/** url|version, as QuestionnaireResponse.questionnaire will name it. */
	public String getCanonical() {
		return questionnaire.hasVersion() ? questionnaire.getUrl() + "|" + questionnaire.getVersion() : questionnaire.getUrl();
	}

	public List<FormItem> getItems() {
		return items;
	}

	/** Errors that belong to an item on the page, in page order, for the summary at the top. */
	public List<FormError> getItemErrors() {
		return itemErrors;
	}

	/** Errors that belong to no item on the page. */
	public List<String> getFormErrors() {
		return formErrors;
	}

	public boolean isInvalid() {
		return !itemErrors.isEmpty() || !formErrors.isEmpty();
	}

	/** Finds a drawn item anywhere in the tree, or null. */
	public FormItem item(String linkId) {
		return find(items, linkId);
	}

	private List<FormItem> items(List<QuestionnaireItemComponent> source, AnsweredQuestionnaire answered, FieldValues fields,
			ItemErrors errors, boolean parentShown, Set<String> placed) {
		List<FormItem> drawn = new ArrayList<>();
		for (var item : source) {
			ItemKind kind = ItemKind.of(item);
			if (kind == ItemKind.NOT_ASKED) {
				continue;
			}
			boolean shown = parentShown && answered.enabled(item.getLinkId());
			String error = shown ? errors.forItem(item.getLinkId()).orElse(null) : null;
			if (error != null) {
				placed.add(item.getLinkId());
			}
			List<String> values = fields.get(item.getLinkId());
			List<FormOption> options = options(item, kind, values);
			// the summary lists errors in page order, so a group's own error comes before its children's
			if (error != null) {
				String target = options.isEmpty() ? FormItem.idFor(item.getLinkId()) : options.get(0).getId();
				itemErrors.add(new FormError(target, item.getText(), error));
			}
			List<FormItem> children = kind == ItemKind.GROUP ? items(item.getItem(), answered, fields, errors, shown, placed) : List.of();
			drawn.add(new FormItem(item, kind, values, options, error, shown, children));
		}
		return drawn;
	}

	private static List<FormOption> options(QuestionnaireItemComponent item, ItemKind kind, List<String> values) {
		String id = FormItem.idFor(item.getLinkId());
		List<FormOption> options = new ArrayList<>();
		if (kind == ItemKind.YES_NO) {
			options.add(new FormOption(id + "-yes", "true", "Yes", values.contains("true")));
			options.add(new FormOption(id + "-no", "false", "No", values.contains("false")));
		} else if (kind == ItemKind.CHOICE || kind == ItemKind.CHOICES) {
			int n = 0;
			for (var option : item.getAnswerOption()) {
				String value = FieldValues.encode(option.getValue());
				options.add(new FormOption(id + "-" + n++, value, label(option.getValue()), values.contains(value)));
			}
		}
		return options;
	}

	private static String label(Type value) {
		if (value instanceof org.hl7.fhir.r4.model.Coding coding) {
			return coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
		}
		return value instanceof BooleanType b ? (b.booleanValue() ? "Yes" : "No") : value.primitiveValue();
	}

	private static String textOf(List<QuestionnaireItemComponent> items, String linkId) {
		for (var item : items) {
			if (linkId.equals(item.getLinkId())) {
				return item.getText();
			}
			String found = textOf(item.getItem(), linkId);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private static FormItem find(List<FormItem> items, String linkId) {
		for (FormItem item : items) {
			if (item.getLinkId().equals(linkId)) {
				return item;
			}
			FormItem found = find(item.getChildren(), linkId);
			if (found != null) {
				return found;
			}
		}
		return null;
	}
}

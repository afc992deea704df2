package org.fibroplan.web.internal.questionnaire;

import java.util.List;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;

/**
 * One Questionnaire item as the template draws it. {@link #getControl()} says how: "group" (fieldset
 * with legend and {@link #getChildren()}), "display" (text only), "number", "text", "textarea",
 * "radios" (one choice, also yes/no), "checkboxes" (several choices) or "checkbox" (one box, unticked = no).
 * The field's name is the linkId; ids are derived from it and safe for HTML.
 */
public final class FormItem {

	static final String UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
	static final String ENTRY_FORMAT = "http://hl7.org/fhir/StructureDefinition/entryFormat";

	private final QuestionnaireItemComponent item;
	private final ItemKind kind;
	private final String id;
	private final List<String> values;
	private final List<FormOption> options;
	private final String error;
	private final boolean shown;
	private final List<FormItem> children;

	FormItem(QuestionnaireItemComponent item, ItemKind kind, List<String> values, List<FormOption> options,
			String error, boolean shown, List<FormItem> children) {
		this.item = item;
		this.kind = kind;
		this.id = idFor(item.getLinkId());
		this.values = values;
		this.options = options;
		this.error = error;
		this.shown = shown;
		this.children = children;
	}

	static String idFor(String linkId) {
		return "q-" + linkId.replaceAll("[^A-Za-z0-9_-]", "_");
	}

	public String getLinkId() {
		return item.getLinkId();
	}

	/** The HTML field name: the linkId, which is what {@link FormAnswers} reads back. */
	public String getName() {
		return item.getLinkId();
	}

	public String getId() {
		return id;
	}

	public String getControl() {
		return kind.control;
	}

	public String getText() {
		return item.getText();
	}

	public String getPrefix() {
		return item.hasPrefix() ? item.getPrefix() : null;
	}

	public boolean isRequired() {
		return item.getRequired() && kind.answerable();
	}

	public String getMin() {
		return isNumber() ? Range.plain(Range.of(item).min()) : null;
	}

	public String getMax() {
		return isNumber() ? Range.plain(Range.of(item).max()) : null;
	}

	public String getStep() {
		return kind == ItemKind.INTEGER ? "1" : kind == ItemKind.DECIMAL ? "any" : null;
	}

	public String getInputMode() {
		return kind == ItemKind.INTEGER ? "numeric" : kind == ItemKind.DECIMAL ? "decimal" : null;
	}

	public Integer getMaxLength() {
		return item.hasMaxLength() ? item.getMaxLength() : null;
	}

	/** The entryFormat extension, e.g. "e.g. 2.5", as a placeholder. */
	public String getPlaceholder() {
		var extension = item.getExtensionByUrl(ENTRY_FORMAT);
		return extension == null ? null : extension.getValue().primitiveValue();
	}

	/** Words shown under the question, e.g. the unit "minutes per week". */
	public String getHint() {
		var extension = item.getExtensionByUrl(UNIT);
		if (extension != null && extension.getValue() instanceof org.hl7.fhir.r4.model.Coding unit) {
			return unit.hasDisplay() ? unit.getDisplay() : unit.getCode();
		}
		return null;
	}

	public String getHintId() {
		return getHint() == null ? null : id + "-hint";
	}

	/** The first value, for a text or number input. */
	public String getValue() {
		return values.isEmpty() ? null : values.get(0);
	}

	public List<String> getValues() {
		return values;
	}

	public boolean isTicked() {
		return values.contains("true");
	}

	public List<FormOption> getOptions() {
		return options;
	}

	public String getError() {
		return error;
	}

	public boolean isInvalid() {
		return error != null;
	}

	public String getErrorId() {
		return id + "-error";
	}

	/** For aria-describedby: the hint and the error, whichever there are; null for none. */
	public String getDescribedBy() {
		String described = ((getHintId() == null ? "" : getHintId()) + " " + (error == null ? "" : getErrorId())).trim();
		return described.isEmpty() ? null : described;
	}

	/** The control an error summary link jumps to. */
	public String getTarget() {
		return options.isEmpty() ? id : options.get(0).getId();
	}

	/** False when enableWhen (or a parent's) is not met by the current answers: drawn hidden and disabled. */
	public boolean isShown() {
		return shown;
	}

	/** The enableWhen conditions as JSON for enable-when.js, or null when the item is always enabled. */
	public String getEnableWhen() {
		return EnableWhen.json(item);
	}

	public String getEnableBehavior() {
		return item.hasEnableWhen() ? EnableWhen.behavior(item) : null;
	}

	public List<FormItem> getChildren() {
		return children;
	}

	private boolean isNumber() {
		return kind == ItemKind.INTEGER || kind == ItemKind.DECIMAL;
	}
}

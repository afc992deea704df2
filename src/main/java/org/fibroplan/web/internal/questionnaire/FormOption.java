package org.fibroplan.web.internal.questionnaire;

/** One radio or checkbox: its field value ("system|code", "true", ...), its words and whether it is chosen. */
public final class FormOption {

	private final String id;
	private final String value;
	private final String label;
	private final boolean selected;

	FormOption(String id, String value, String label, boolean selected) {
		this.id = id;
		this.value = value;
		this.label = label;
		this.selected = selected;
	}

	public String getId() {
		return id;
	}

	public String getValue() {
		return value;
	}

	public String getLabel() {
		return label;
	}

	public boolean isSelected() {
		return selected;
	}
}

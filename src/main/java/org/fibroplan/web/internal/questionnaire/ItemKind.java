package org.fibroplan.web.internal.questionnaire;

import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;

/** How an item is asked on the page; the template switches on {@link #control}. */
enum ItemKind {
	GROUP("group"),
	DISPLAY("display"),
	INTEGER("number"),
	DECIMAL("number"),
	/** A required yes/no question: two radios, so "no" is a choice the patient makes. */
	YES_NO("radios"),
	/** An optional yes/no question ("tick each area that hurt"): one checkbox, unticked means no. */
	TICK("checkbox"),
	CHOICE("radios"),
	CHOICES("checkboxes"),
	STRING("text"),
	TEXT("textarea"),
	/** Calculated, hidden or of a type this form does not ask (date, attachment, ...). */
	NOT_ASKED(null);

	static final String HIDDEN = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden";

	final String control;

	ItemKind(String control) {
		this.control = control;
	}

	static ItemKind of(QuestionnaireItemComponent item) {
		if (item.getReadOnly() || hidden(item) || item.getType() == null) {
			return NOT_ASKED;
		}
		return switch (item.getType()) {
			case GROUP -> GROUP;
			case DISPLAY -> DISPLAY;
			case INTEGER -> INTEGER;
			case DECIMAL -> DECIMAL;
			case BOOLEAN -> item.getRequired() ? YES_NO : TICK;
			case CHOICE -> item.getRepeats() ? CHOICES : CHOICE;
			case STRING -> STRING;
			case TEXT -> TEXT;
			default -> NOT_ASKED;
		};
	}

	boolean answerable() {
		return this != GROUP && this != DISPLAY && this != NOT_ASKED;
	}

	private static boolean hidden(QuestionnaireItemComponent item) {
		var extension = item.getExtensionByUrl(HIDDEN);
		return extension != null && "true".equals(extension.getValue().primitiveValue());
	}
}

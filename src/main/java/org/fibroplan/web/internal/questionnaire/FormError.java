package org.fibroplan.web.internal.questionnaire;

/** A line of the error summary at the top of the form, linking to the control it is about. */
public final class FormError {

	private final String target;
	private final String question;
	private final String message;

	FormError(String target, String question, String message) {
		this.target = target;
		this.question = question;
		this.message = message;
	}

	/** The id of the control to jump to. */
	public String getTarget() {
		return target;
	}

	public String getQuestion() {
		return question;
	}

	public String getMessage() {
		return message;
	}
}

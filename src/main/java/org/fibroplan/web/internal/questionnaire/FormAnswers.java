package org.fibroplan.web.internal.questionnaire;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;

/**
 * A submitted questionnaire page: the fields (name = linkId; several values for ticked boxes; coded
 * answers as "system|code") checked here first, so a patient hears about a typo without a round trip,
 * then turned into the completed QuestionnaireResponse the server expects.
 */
public final class FormAnswers {

	private final Questionnaire questionnaire;
	private final AnsweredQuestionnaire answered;
	private final ItemErrors errors;

	private FormAnswers(Questionnaire questionnaire, FieldValues fields) {
		this.questionnaire = questionnaire;
		this.answered = AnsweredQuestionnaire.of(questionnaire, fields);
		this.errors = ItemErrors.of(answered.problems());
	}

	/** Fields that are not items of the Questionnaire (a CSRF token, a button) are ignored. */
	public static FormAnswers read(Questionnaire questionnaire, Map<String, List<String>> fields) {
		return new FormAnswers(questionnaire, FieldValues.of(fields));
	}

	public boolean hasErrors() {
		return !errors.isEmpty();
	}

	public ItemErrors errors() {
		return errors;
	}

	/**
	 * @param subject "Patient/{id}" of the patient who answered
	 * @throws IllegalStateException when {@link #hasErrors()}: a response the patient has not got right is never built
	 */
	public QuestionnaireResponse toResponse(String subject, Instant authored) {
		if (hasErrors()) {
			throw new IllegalStateException("The answers have errors and must be corrected first: " + errors);
		}
		if (subject == null || !subject.startsWith("Patient/")) {
			throw new IllegalArgumentException("subject must be Patient/{id}, not " + subject);
		}
		QuestionnaireResponse response = new QuestionnaireResponse()
				.setQuestionnaire(questionnaire.hasVersion() ? questionnaire.getUrl() + "|" + questionnaire.getVersion() : questionnaire.getUrl())
				.setStatus(QuestionnaireResponseStatus.COMPLETED)
				.setSubject(new Reference(subject))
				.setAuthoredElement(new DateTimeType(Date.from(authored), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone("UTC")));
		response.getItem().addAll(items(questionnaire.getItem()));
		return response;
	}

	/** In Questionnaire order and nesting; disabled, unanswered and calculated items are left out. */
	private List<QuestionnaireResponseItemComponent> items(List<QuestionnaireItemComponent> items) {
		List<QuestionnaireResponseItemComponent> out = new ArrayList<>();
		for (var item : items) {
			ItemKind kind = ItemKind.of(item);
			if (!answered.enabled(item.getLinkId()) || (kind != ItemKind.GROUP && !kind.answerable())) {
				continue;
			}
			var responseItem = new QuestionnaireResponseItemComponent().setLinkId(item.getLinkId());
			if (item.hasText()) {
				responseItem.setText(item.getText());
			}
			if (kind == ItemKind.GROUP) {
				responseItem.getItem().addAll(items(item.getItem()));
				if (responseItem.hasItem()) {
					out.add(responseItem);
				}
			} else {
				answered.answer(item.getLinkId()).values().forEach(v -> responseItem.addAnswer().setValue(v.copy()));
				if (responseItem.hasAnswer()) {
					out.add(responseItem);
				}
			}
		}
		return out;
	}
}

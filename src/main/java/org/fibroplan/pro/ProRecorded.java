package org.fibroplan.pro;

import java.time.Instant;
import java.util.List;

/**
 * A patient's completed answers were stored and scored, in the transaction still open: the care-plan
 * module revises the draft plan in that same transaction when it hears this.
 *
 * @param patient the Patient id
 * @param questionnaireResponse the QuestionnaireResponse id
 * @param questionnaire the instrument as url|version
 * @param observations ids of the Observations derived from the answers (scores, pain per site, flags)
 * @param authored when the patient answered
 */
public record ProRecorded(
		String patient, String questionnaireResponse, String questionnaire, List<String> observations, Instant authored) {}

package org.fibroplan.careplan.internal.queue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * What the queue judges one patient by, gathered once per evaluation.
 *
 * @param patient the Patient id
 * @param assessment what the rules see now
 * @param observed when each Observation behind the assessment was true (Observation/id → effective)
 * @param draft the patient's draft plan, if any
 * @param active the patient's active plan, if any
 * @param acknowledged for each reason, when a clinician last completed a review Task that held it (approving, acknowledging)
 * @param recentAnswers the patient's latest QuestionnaireResponses, newest first (a bounded page)
 * @param now the time of the evaluation
 */
record ReviewSituation(String patient, Assessment assessment, Map<String, Instant> observed, Optional<CarePlan> draft,
		Optional<CarePlan> active, Map<String, Instant> acknowledged, List<QuestionnaireResponse> recentAnswers, Instant now) {}

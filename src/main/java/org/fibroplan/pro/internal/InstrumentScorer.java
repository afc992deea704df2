package org.fibroplan.pro.internal;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;

/** One instrument's published scoring rule: completed answers in, Observations out. */
interface InstrumentScorer {

	/** The canonical urls (without version) of the Questionnaires this scorer scores. */
	Set<String> instruments();

	/** The Observations the answers become; {@link DerivedObservation} fills in what all of them share. */
	List<Observation> score(QuestionnaireAnswers answers);
}

package org.fibroplan.pro.internal;

import java.util.Optional;
import org.fibroplan.fhir.Definitions;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.stereotype.Component;

/** The active Questionnaire a response names by url|version: only active instruments take answers. */
@Component
class QuestionnaireCatalogue {

	private final Definitions definitions;

	QuestionnaireCatalogue(Definitions definitions) {
		this.definitions = definitions;
	}

	Optional<Questionnaire> find(String canonical) {
		return definitions.find(Questionnaire.class, canonical).filter(q -> q.getStatus() == Enumerations.PublicationStatus.ACTIVE);
	}
}

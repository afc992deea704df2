package org.fibroplan.pro.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.Optional;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.stereotype.Component;

/** Finds the active Questionnaire a response names by url|version. */
@Component
class QuestionnaireCatalogue {

	private final DaoRegistry daos;

	QuestionnaireCatalogue(DaoRegistry daos) {
		this.daos = daos;
	}

	Optional<Questionnaire> find(String canonical) {
		int bar = canonical.indexOf('|');
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add(Questionnaire.SP_URL, new UriParam(canonical.substring(0, bar)))
				.add(Questionnaire.SP_VERSION, new TokenParam(canonical.substring(bar + 1)));
		return daos.getResourceDao(Questionnaire.class).search(search, new SystemRequestDetails()).getAllResources().stream()
				.map(Questionnaire.class::cast)
				.filter(q -> q.getStatus() == Enumerations.PublicationStatus.ACTIVE)
				.findFirst();
	}
}

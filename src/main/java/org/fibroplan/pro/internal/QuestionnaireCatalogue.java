package org.fibroplan.pro.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.fibroplan.fhir.ResourceChanges;
import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.stereotype.Component;

/**
 * Finds the active Questionnaire a response names by url|version. Every response needs it twice
 * (validation, scoring) and a search per lookup was a third of ingestion time, so lookups are kept
 * until any Questionnaire is written.
 */
@Component
class QuestionnaireCatalogue {

	private final DaoRegistry daos;
	private final Map<String, Optional<Questionnaire>> byCanonical = new ConcurrentHashMap<>();

	QuestionnaireCatalogue(DaoRegistry daos, ResourceChanges changes) {
		this.daos = daos;
		changes.onWrite(Questionnaire.class, byCanonical::clear);
	}

	Optional<Questionnaire> find(String canonical) {
		return byCanonical.computeIfAbsent(canonical, this::search);
	}

	private Optional<Questionnaire> search(String canonical) {
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

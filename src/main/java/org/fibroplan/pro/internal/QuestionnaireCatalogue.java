package org.fibroplan.pro.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.stereotype.Component;

/**
 * Finds the active Questionnaire a response names by url|version. Every response needs it twice
 * (validation, scoring) and a search per lookup was a third of ingestion time, so lookups are kept
 * until any Questionnaire is written.
 */
@Component
@Interceptor
class QuestionnaireCatalogue {

	private final DaoRegistry daos;
	private final Map<String, Optional<Questionnaire>> byCanonical = new ConcurrentHashMap<>();

	QuestionnaireCatalogue(DaoRegistry daos) {
		this.daos = daos;
	}

	Optional<Questionnaire> find(String canonical) {
		return byCanonical.computeIfAbsent(canonical, this::search);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		forgetIfQuestionnaire(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		forgetIfQuestionnaire(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		forgetIfQuestionnaire(resource);
	}

	private void forgetIfQuestionnaire(IBaseResource resource) {
		if (resource instanceof Questionnaire) {
			byCanonical.clear();
		}
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

package org.fibroplan.pro.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fibroplan.pro.ProRecorded;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.fibroplan.fhir.TransactionWrites;

/**
 * Scores a completed QuestionnaireResponse in the transaction that stores it: the instrument's scorer
 * turns the answers into Observations (derivedFrom the response), which are stored alongside, and
 * {@link ProRecorded} is published while the transaction is still open. When a response is updated its
 * earlier Observations are removed first, so a corrected answer never leaves a stale score behind.
 * In-progress responses are stored without scores.
 */
@Component
@Interceptor
public class ResponseScoringInterceptor {

	private final Map<String, InstrumentScorer> scorers = new HashMap<>();
	private final QuestionnaireCatalogue catalogue;
	private final DaoRegistry daos;
	private final ApplicationEventPublisher events;

	ResponseScoringInterceptor(
			List<InstrumentScorer> scorers, QuestionnaireCatalogue catalogue, DaoRegistry daos, ApplicationEventPublisher events) {
		scorers.forEach(scorer -> scorer.instruments().forEach(url -> this.scorers.put(url, scorer)));
		this.catalogue = catalogue;
		this.daos = daos;
		this.events = events;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void afterCreate(IBaseResource resource) {
		if (resource instanceof QuestionnaireResponse response) {
			score(response);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void afterUpdate(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof QuestionnaireResponse response) {
			removeEarlierScores(response.getIdElement());
			score(response);
		}
	}

	private void score(QuestionnaireResponse response) {
		if (response.getStatus() != QuestionnaireResponseStatus.COMPLETED) {
			return;
		}
		String canonical = response.getQuestionnaire();
		InstrumentScorer scorer = scorers.get(canonical.substring(0, canonical.indexOf('|')));
		if (scorer == null) {
			return;
		}
		Questionnaire questionnaire = catalogue.find(canonical).orElseThrow();
		IFhirResourceDao<Observation> observationDao = daos.getResourceDao(Observation.class);
		List<String> stored = new ArrayList<>();
		for (Observation observation : scorer.score(new QuestionnaireAnswers(response, questionnaire))) {
			DerivedObservation.completeFrom(observation, response);
			stored.add(TransactionWrites.create(observationDao, observation, new SystemRequestDetails()).getId().toUnqualifiedVersionless().getValue());
		}
		events.publishEvent(new ProRecorded(
				response.getSubject().getReferenceElement().getIdPart(),
				response.getIdElement().toUnqualifiedVersionless().getValue(),
				canonical,
				List.copyOf(stored),
				response.getAuthored().toInstant()));
	}

	private void removeEarlierScores(IIdType response) {
		IFhirResourceDao<Observation> observationDao = daos.getResourceDao(Observation.class);
		SearchParameterMap derived = SearchParameterMap.newSynchronous()
				.add(Observation.SP_DERIVED_FROM, new ReferenceParam(response.toUnqualifiedVersionless().getValue()));
		for (IBaseResource earlier : observationDao.search(derived, new SystemRequestDetails()).getAllResources()) {
			observationDao.delete(earlier.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
		}
	}
}

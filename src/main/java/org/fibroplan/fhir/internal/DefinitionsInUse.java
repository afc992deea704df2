package org.fibroplan.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.Set;
import java.util.stream.Collectors;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * Definitions that answers and plans depend on stay where they are (409 for API callers): the project
 * package's own definitions (the instruments, the rules, the terminology the scoring reads) may be revised
 * but neither deleted nor moved to another canonical URL, and a Questionnaire that stored answers name
 * cannot be deleted. A definition is retired by a new version with status retired, not by deletion.
 */
@Interceptor
public class DefinitionsInUse {

	private final Set<String> packageUrls;
	private final DaoRegistry daos;

	public DefinitionsInUse(ProfilePackage profilePackage, DaoRegistry daos) {
		this.packageUrls = profilePackage.resources().stream().map(MetadataResource::getUrl).collect(Collectors.toUnmodifiableSet());
		this.daos = daos;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void refuseDeletingWhatIsUsed(IBaseResource deleted) {
		if (!(deleted instanceof MetadataResource definition)) {
			return;
		}
		String name = definition.fhirType() + " " + definition.getUrl();
		if (packageUrls.contains(definition.getUrl())) {
			throw inUse(name + " is part of FibroPlan's package: answers and plans run on it. Retire it with a new version "
					+ "(status retired) instead of deleting it.");
		}
		if (definition instanceof Questionnaire questionnaire && isAnswered(questionnaire)) {
			throw inUse(name + " has stored QuestionnaireResponses that name it. Retire it (status retired) instead of deleting it.");
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void refuseMovingPackageDefinitions(IBaseResource previous, IBaseResource updated) {
		if (previous instanceof MetadataResource before && updated instanceof MetadataResource after
				&& packageUrls.contains(before.getUrl()) && !before.getUrl().equals(after.getUrl())) {
			throw inUse(before.fhirType() + " " + before.getUrl() + " is part of FibroPlan's package: answers and plans find it "
					+ "by that canonical URL, which cannot change (it would become " + after.getUrl() + ").");
		}
	}

	/** Responses name their Questionnaire by url|version (SDC); older ones may name the bare url. */
	private boolean isAnswered(Questionnaire questionnaire) {
		ReferenceOrListParam named = new ReferenceOrListParam().addOr(new ReferenceParam(questionnaire.getUrl()));
		if (questionnaire.hasVersion()) {
			named.addOr(new ReferenceParam(questionnaire.getUrl() + "|" + questionnaire.getVersion()));
		}
		SearchParameterMap answers = SearchParameterMap.newSynchronous()
				.add(QuestionnaireResponse.SP_QUESTIONNAIRE, named)
				.setCount(1);
		answers.setLoadSynchronousUpTo(1);
		return !daos.getResourceDao(QuestionnaireResponse.class).search(answers, new SystemRequestDetails()).isEmpty();
	}

	private static ResourceVersionConflictException inUse(String message) {
		return new ResourceVersionConflictException(message, Outcomes.error(OperationOutcome.IssueType.CONFLICT, message));
	}
}

package org.fibroplan.pro.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.time.Instant;
import java.util.Set;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.pro.ScoreRecorded;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Scores that apps post directly, outside a questionnaire (pain ratings), count like answers: they are
 * announced as {@link ScoreRecorded} in the transaction that stores them. Observations derived from a
 * response are announced with the response instead.
 */
@Component
@Interceptor
public class DirectScoreInterceptor {

	/** The measures the instruments produce that an app may also report on its own. */
	static final Set<String> DIRECT_CODES = Set.of(FhirTerms.PAIN_SCORE, FhirTerms.PEG);

	private final ApplicationEventPublisher events;

	DirectScoreInterceptor(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void afterCreate(IBaseResource resource) {
		if (resource instanceof Observation observation
				&& !observation.hasDerivedFrom()
				&& observation.getSubject().getReferenceElement().getResourceType() != null
				&& "Patient".equals(observation.getSubject().getReferenceElement().getResourceType())
				&& observation.getCode().getCoding().stream().anyMatch(c -> FhirTerms.LOINC.equals(c.getSystem()) && DIRECT_CODES.contains(c.getCode()))) {
			Instant effective = observation.hasEffectiveDateTimeType()
					? observation.getEffectiveDateTimeType().getValue().toInstant()
					: Instant.now();
			events.publishEvent(new ScoreRecorded(
					observation.getSubject().getReferenceElement().getIdPart(),
					observation.getIdElement().toUnqualifiedVersionless().getValue(),
					effective));
		}
	}
}

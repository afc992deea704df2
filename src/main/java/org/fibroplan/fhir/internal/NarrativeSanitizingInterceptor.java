package org.fibroplan.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.util.ResourceUtil;
import java.util.List;
import org.fibroplan.fhir.NarrativeAllowList;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Narrative;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Cleans every narrative before it is stored (the resource's own, contained resources', a stored
 * Bundle's entries') to {@link NarrativeAllowList}: the pages show narratives as HTML to patients.
 * A narrative that complies is left untouched, byte for byte; one that does not keeps its text and
 * loses the markup outside the list (logged, so an integrator can see what was removed). Cleaning
 * rather than refusing: FHIR allows styles, images and external links that conformant EHRs send, and
 * the structured data is unaffected.
 */
@Component
@Interceptor
public class NarrativeSanitizingInterceptor {

	private static final Logger log = LoggerFactory.getLogger(NarrativeSanitizingInterceptor.class);

	private final FhirContext fhirContext;

	NarrativeSanitizingInterceptor(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/** Before profile validation (order 0 there), so the validator sees what will be stored. */
	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -10)
	public void beforeCreate(IBaseResource resource) {
		clean(resource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -10)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		clean(resource);
	}

	void clean(IBaseResource resource) {
		boolean changed = false;
		for (Narrative narrative : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Narrative.class)) {
			if (!narrative.hasDiv()) {
				continue;
			}
			String div = narrative.getDivAsString();
			List<String> removed = NarrativeAllowList.removedFrom(div);
			if (!removed.isEmpty()) {
				narrative.setDivAsString(NarrativeAllowList.sanitize(div));
				changed = true;
				log.info("Narrative of {} cleaned before storage; removed: {}",
						resource.getIdElement().toUnqualifiedVersionless().getValue(), removed);
			}
		}
		if (changed) {
			// HAPI's validator reads the request's raw body when the resource carries it; it must see the cleaned one
			ResourceUtil.clearRawStringFromResource(resource);
		}
	}
}

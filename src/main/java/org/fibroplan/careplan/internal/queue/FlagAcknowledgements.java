package org.fibroplan.careplan.internal.queue;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.security.SmartAccess;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * A person setting an active red-flag Flag inactive (or entered in error) over the API acknowledges it:
 * the work queue drops that reason in the same transaction. The rules never close a Flag.
 */
@Interceptor
@Component
public class FlagAcknowledgements {

	private final ReviewQueue queue;

	FlagAcknowledgements(ReviewQueue queue) {
		this.queue = queue;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (previous instanceof Flag before && resource instanceof Flag after && isRedFlag(after)
				&& before.getStatus() == Flag.FlagStatus.ACTIVE && after.getStatus() != Flag.FlagStatus.ACTIVE
				&& after.getSubject().getReferenceElement().hasIdPart()) {
			queue.flagAcknowledged(after.getSubject().getReferenceElement().getIdPart(), actingPerson());
		}
	}

	private static boolean isRedFlag(Flag flag) {
		return flag.getCode().getCoding().stream().anyMatch(c -> FhirTerms.RED_FLAG.equals(c.getSystem()));
	}

	/** The user the token names (a clinician acknowledging), else the client. */
	private static Reference actingPerson() {
		return SmartAccess.current().map(access -> access.fhirUser() != null
				? new Reference(access.fhirUser().replaceFirst("^.*/(Practitioner(Role)?/[^/]+)$", "$1"))
				: new Reference().setDisplay("client " + access.clientId())).orElse(new Reference().setDisplay("unknown"));
	}
}

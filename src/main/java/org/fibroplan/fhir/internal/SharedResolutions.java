package org.fibroplan.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.IDao;
import ca.uhn.fhir.rest.api.server.storage.IResourcePersistentId;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import org.fibroplan.fhir.TransactionWrites;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link TransactionWrites} from writes it did not make: the client's own resource (an answer) and
 * the references HAPI resolved while storing it (the patient) become known to the server's writes that follow
 * in the same transaction; a deleted resource is forgotten. Runs before the other pre-commit hooks, which
 * make those writes.
 */
@Component
@Interceptor
public class SharedResolutions {

	private final FhirContext fhirContext;

	SharedResolutions(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = -1000)
	public void created(IBaseResource resource, TransactionDetails details) {
		learn(resource, details);
	}

	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = -1000)
	public void updated(IBaseResource previous, IBaseResource resource, TransactionDetails details) {
		learn(resource, details);
	}

	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED, order = -1000)
	public void deleted(IBaseResource resource) {
		TransactionWrites.forget(resource.getIdElement());
	}

	private void learn(IBaseResource resource, TransactionDetails details) {
		IIdType own = resource.getIdElement();
		if (own.hasIdPart() && !own.hasResourceType()) {
			own = own.withResourceType(fhirContext.getResourceType(resource));
		}
		IResourcePersistentId<?> pid = IDao.RESOURCE_PID.get(resource);
		TransactionWrites.remember(own, pid);
		if (details == null) {
			return;
		}
		for (ResourceReferenceInfo reference : fhirContext.newTerser().getAllResourceReferences(resource)) {
			IIdType target = reference.getResourceReference().getReferenceElement();
			if (target.hasIdPart() && target.hasResourceType() && !target.isAbsolute() && TransactionWrites.resolved(target).isEmpty()) {
				IResourcePersistentId<?> resolved = details.getResolvedResourceId(target);
				if (resolved != null) {
					TransactionWrites.remember(target, resolved);
				}
			}
		}
	}
}

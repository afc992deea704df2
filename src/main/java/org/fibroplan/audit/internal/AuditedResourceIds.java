package org.fibroplan.audit.internal;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.fibroplan.fhir.TransactionWrites;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How an audit record names a resource of this server: by relative reference while the resource exists, so
 * that HAPI indexes it and {@code AuditEvent?patient=} / {@code ?entity=} find the record. BALP's default,
 * the full URL, is stored as an external link that no search by id matches. A deleted resource keeps the
 * full URL, because HAPI refuses a local reference to a deleted resource (and the write it audits with it).
 * A resource being shown to a reader was just loaded, so it exists; other ids are looked up once per request
 * (a search page names the same patient from many of its resources).
 */
@Component
class AuditedResourceIds {

	private static final String LOOKED_UP = AuditedResourceIds.class.getName() + ".lookedUp";

	private final IIdHelperService<?> ids;
	private final TransactionTemplate joinOrStart;

	AuditedResourceIds(IIdHelperService<?> ids, PlatformTransactionManager transactions) {
		this.ids = ids;
		this.joinOrStart = new TransactionTemplate(transactions);
	}

	String forStorage(RequestDetails request, IBaseResource resource, IIdType id) {
		String base = request.getFhirServerBase();
		if (id.hasBaseUrl() && !id.getBaseUrl().equals(base)) {
			return id.getValue(); // another server's resource, named as its reference names it
		}
		String type = id.hasResourceType() ? id.getResourceType() : request.getFhirContext().getResourceType(resource);
		IdType local = new IdType(type, id.getIdPart(), id.getVersionIdPart());
		boolean exists = reading(request) ? isShown(request, resource, local) || existsDuringRead(request, local) : exists(local);
		return exists ? local.getValue() : local.withServerBase(base, type).getValue();
	}

	/** Reads and searches change nothing, so what exists stays true for the whole request. */
	private static boolean reading(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		return operation == RestOperationTypeEnum.READ || operation == RestOperationTypeEnum.VREAD
				|| operation == RestOperationTypeEnum.SEARCH_TYPE || operation == RestOperationTypeEnum.SEARCH_SYSTEM;
	}

	/** The id of the very resource a read or search is returning: loaded from the store a moment ago. */
	private static boolean isShown(RequestDetails request, IBaseResource resource, IdType id) {
		IIdType own = resource == null ? null : resource.getIdElement();
		return own != null && id.getIdPart() != null && id.getIdPart().equals(own.getIdPart())
				&& id.getResourceType().equals(request.getFhirContext().getResourceType(resource));
	}

	/** Looked up once per read: a search page names the same patient many times. */
	private boolean existsDuringRead(RequestDetails request, IdType id) {
		Map<String, Boolean> lookedUp = lookedUp(request);
		String key = id.toVersionless().getValue();
		Boolean known = lookedUp.get(key);
		if (known == null) {
			known = exists(id);
			lookedUp.put(key, known);
		}
		return known;
	}

	/** Shared by the entries of a batch, which HAPI may run in parallel. */
	@SuppressWarnings("unchecked")
	private static Map<String, Boolean> lookedUp(RequestDetails request) {
		synchronized (request) {
			return (Map<String, Boolean>) request.getUserData().computeIfAbsent(LOOKED_UP, k -> new ConcurrentHashMap<String, Boolean>());
		}
	}

	/** Resolved as HAPI's reference indexing resolves it, in the audited write's transaction when there is one. */
	private boolean exists(IdType id) {
		IIdType versionless = id.toVersionless();
		if (TransactionWrites.resolved(versionless).isPresent()) {
			return true; // written or resolved in the audited write's own transaction, not deleted since
		}
		return Boolean.TRUE.equals(joinOrStart.execute(status -> !ids.resolveResourceIdentities(
				RequestPartitionId.defaultPartition(), List.of(versionless),
				ResolveIdentityMode.excludeDeleted().noCacheUnlessDeletesDisabled()).isEmpty()));
	}
}

package org.fibroplan.audit.internal;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How an audit record names a resource of this server: by relative reference while the resource exists, so
 * that HAPI indexes it and {@code AuditEvent?patient=} / {@code ?entity=} find the record. BALP's default,
 * the full URL, is stored as an external link that no search by id matches. A deleted resource keeps the
 * full URL, because HAPI refuses a local reference to a deleted resource (and the write it audits with it).
 */
@Component
class AuditedResourceIds {

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
		return exists(local) ? local.getValue() : local.withServerBase(base, type).getValue();
	}

	/** Resolved as HAPI's reference indexing resolves it, in the audited write's transaction when there is one. */
	private boolean exists(IdType id) {
		IIdType versionless = id.toVersionless();
		return Boolean.TRUE.equals(joinOrStart.execute(status -> !ids.resolveResourceIdentities(
				RequestPartitionId.defaultPartition(), List.of(versionless),
				ResolveIdentityMode.excludeDeleted().noCacheUnlessDeletesDisabled()).isEmpty()));
	}
}

package org.fibroplan.audit.internal;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import jakarta.annotation.Nonnull;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.security.SmartAccess;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Who to name in an audit record, from the request's SMART token: the OAuth client, and the user
 * ({@code fhirUser}, or the token subject when no user logged in). Named by identifier, not reference,
 * so an audit record never blocks deleting what it names.
 */
@Component
class TokenAuditContext implements IBalpAuditContextServices {

	private final AuditedResourceIds resourceIds;

	TokenAuditContext(AuditedResourceIds resourceIds) {
		this.resourceIds = resourceIds;
	}

	@Nonnull
	@Override
	public Reference getAgentClientWho(RequestDetails request) {
		String client = SmartAccess.current().map(SmartAccess::clientId).orElse("unknown");
		return new Reference().setIdentifier(new Identifier().setSystem(FhirTerms.OAUTH_CLIENT).setValue(client)).setDisplay(client);
	}

	@Nonnull
	@Override
	public Reference getAgentUserWho(RequestDetails request) {
		SmartAccess access = SmartAccess.current().orElse(null);
		if (access == null) {
			return new Reference().setDisplay("anonymous");
		}
		if (access.fhirUser() != null) {
			return new Reference().setIdentifier(new Identifier().setSystem(FhirTerms.FHIR_USER).setValue(access.fhirUser()))
					.setDisplay(access.fhirUser());
		}
		return new Reference().setIdentifier(new Identifier().setSystem(FhirTerms.TOKEN_SUBJECT).setValue(access.subject()))
				.setDisplay(access.subject());
	}

	/** What was accessed, named so that the record is found by patient and entity (see {@link AuditedResourceIds}). */
	@Nonnull
	@Override
	public String massageResourceIdForStorage(RequestDetails request, IBaseResource resource, IIdType resourceId) {
		return resourceIds.forStorage(request, resource, resourceId);
	}
}

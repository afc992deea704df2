package org.fibroplan.audit.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.Set;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * AuditEvents and Provenance are the record of who did what: through the API they are only ever added
 * to. Updates, patches, deletes and meta changes are refused (405) for every caller, whatever its scopes,
 * as single requests and as entries of a transaction. The server's own writes do not pass through here.
 */
@Interceptor
class AppendOnlyRecords {

	static final Set<String> TYPES = Set.of("AuditEvent", "Provenance");
	private static final Set<RestOperationTypeEnum> CHANGES = Set.of(RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH,
			RestOperationTypeEnum.DELETE, RestOperationTypeEnum.META_ADD, RestOperationTypeEnum.META_DELETE);
	private static final Set<String> META_OPERATIONS = Set.of("$meta-add", "$meta-delete");

	// After the authorization checks (order 0): a caller who may not touch the type at all hears that first.
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 100)
	public void refuseChangeRequests(RequestDetails request, RestOperationTypeEnum operation) {
		String type = request.getResourceName();
		boolean change = (operation != null && CHANGES.contains(operation))
				|| (request.getOperation() != null && META_OPERATIONS.contains(request.getOperation()));
		if (type != null && TYPES.contains(type) && change) {
			throw refused(type);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void refuseUpdate(IBaseResource previous, IBaseResource updated) {
		if (TYPES.contains(updated.fhirType())) {
			throw refused(updated.fhirType());
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void refuseDelete(IBaseResource deleted) {
		if (TYPES.contains(deleted.fhirType())) {
			throw refused(deleted.fhirType());
		}
	}

	private static MethodNotAllowedException refused(String type) {
		String message = type + " records are append-only: they cannot be changed, re-tagged or deleted.";
		return new MethodNotAllowedException(message, Outcomes.error(OperationOutcome.IssueType.FORBIDDEN, message));
	}
}

package org.fibroplan.security.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.fibroplan.fhir.Outcomes;
import org.fibroplan.security.SmartAccess;
import org.fibroplan.security.SmartScope.Permission;
import org.hl7.fhir.r4.model.OperationOutcome;


/**
 * What HAPI's rules cannot tell apart: SMART's {@code r} (read by id) and {@code s} (search) are
 * separate permissions, while HAPI's read rules cover both. And a patient's search for care plans, goals
 * or referrals asks only for approved ones unless it names a status itself.
 */
@Interceptor
class SmartRequestChecks {

	private static final java.util.Map<RestOperationTypeEnum, String> META_OPERATIONS = java.util.Map.of(
			RestOperationTypeEnum.META, "$meta", RestOperationTypeEnum.META_ADD, "$meta-add", RestOperationTypeEnum.META_DELETE, "$meta-delete");

	private final PatientReach patientReach;

	SmartRequestChecks(PatientReach patientReach) {
		this.patientReach = patientReach;
	}

	/** A patient's token never reaches some types; say so up front, the same way whatever data exists. */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void checkPatientReach(RequestDetails request) {
		String type = request.getResourceName();
		if (type != null && !patientReach.canRead(type)
				&& SmartAccess.current().map(SmartAccess::isPatientContext).orElse(false)) {
			throw forbidden("A patient's token does not reach " + type + " resources.");
		}
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void checkReadOrSearchPermission(RequestDetails request, RestOperationTypeEnum operation) {
		Permission needed = switch (operation) {
			case READ, VREAD, HISTORY_INSTANCE -> Permission.READ;
			case SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_TYPE, HISTORY_SYSTEM -> Permission.SEARCH;
			default -> null;
		};
		if (needed == null) {
			return;
		}
		String type = request.getResourceName() == null ? "*" : request.getResourceName();
		SmartAccess access = SmartAccess.current().orElse(null);
		boolean allowed = access != null && access.scopes().stream()
				.anyMatch(scope -> scope.allows(needed) && ("*".equals(type) ? scope.isWildcard() : scope.appliesTo(type)));
		if (!allowed) {
			throw forbidden("The token's scopes do not allow " + (needed == Permission.READ ? "reading" : "searching")
					+ ("*".equals(type) ? " across all resource types" : " " + type) + ".");
		}
	}

	/**
	 * HAPI's authorization rules do not look at $meta, $meta-add and $meta-delete at all: they are held here
	 * to what the same read or update would need. Patients have no use for them and get none.
	 */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void checkMetaOperations(RequestDetails request, RestOperationTypeEnum operation) {
		// HAPI's JPA server serves them as extended operations; plain servers as META operation types.
		String name = META_OPERATIONS.get(operation);
		if (name == null && request.getOperation() != null && META_OPERATIONS.containsValue(request.getOperation())) {
			name = request.getOperation();
		}
		if (name == null) {
			return;
		}
		SmartAccess access = SmartAccess.current().orElse(null);
		if (access == null || access.isPatientContext()) {
			throw forbidden("A patient's token does not reach " + name + ".");
		}
		boolean reads = "$meta".equals(name);
		Permission needed = reads ? Permission.READ : Permission.UPDATE;
		String type = request.getResourceName() == null ? "*" : request.getResourceName();
		boolean allowed = access.scopes().stream()
				.anyMatch(scope -> scope.allows(needed) && ("*".equals(type) ? scope.isWildcard() : scope.appliesTo(type)));
		if (!allowed) {
			throw forbidden("The token's scopes do not allow " + (reads ? "reading " : "changing ") + type + " metadata.");
		}
		if (!reads && SmartAuthorizationRules.DEFINITIONS.contains(type) && !access.isSystemContext()
				&& !access.hasRole(SmartAccess.KNOWLEDGE_AUTHOR)) {
			throw forbidden(type + " resources are written by knowledge authors and system clients.");
		}
	}

	static ForbiddenOperationException forbidden(String reason) {
		return new ForbiddenOperationException(reason, Outcomes.error(OperationOutcome.IssueType.FORBIDDEN, reason));
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void patientsSearchOnlyApprovedPlans(RequestDetails request) {
		String filter = request.getResourceName() == null ? null : PatientReach.APPROVED_ONLY.get(request.getResourceName());
		if (request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE && filter != null
				&& SmartAccess.current().map(SmartAccess::isPatientContext).orElse(false)) {
			String parameter = filter.substring(0, filter.indexOf('='));
			if (!request.getParameters().containsKey(parameter)) {
				request.addParameter(parameter, new String[] {filter.substring(filter.indexOf('=') + 1)});
			}
		}
	}
}

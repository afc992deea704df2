package testsupport.ehr;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Makes a sandbox endpoint behave like the big EHRs: CarePlan, Goal and ServiceRequest are read-only (writes
 * answer 405) and its CapabilityStatement offers no writes for them and no transactions; documents are taken.
 */
@Interceptor
public class ReadOnlyCarePlans {

	private static final Set<String> READ_ONLY = Set.of("CarePlan", "Goal", "ServiceRequest");
	private static final Set<RestOperationTypeEnum> WRITES = Set.of(RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE,
			RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void refuseWrites(RequestDetails request, RestOperationTypeEnum operation) {
		if (WRITES.contains(operation) && READ_ONLY.contains(request.getResourceName())) {
			throw new MethodNotAllowedException(request.getResourceName() + " is read-only in this EHR");
		}
		if (operation == RestOperationTypeEnum.TRANSACTION) {
			throw new MethodNotAllowedException("This EHR does not accept transactions");
		}
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void advertiseReadOnly(IBaseConformance statement) {
		CapabilityStatement capabilities = (CapabilityStatement) statement;
		for (CapabilityStatement.CapabilityStatementRestComponent rest : capabilities.getRest()) {
			rest.getInteraction().removeIf(i -> i.getCode() == CapabilityStatement.SystemRestfulInteraction.TRANSACTION
					|| i.getCode() == CapabilityStatement.SystemRestfulInteraction.BATCH);
			rest.getResource().stream().filter(r -> READ_ONLY.contains(r.getType())).forEach(r -> r.getInteraction()
					.removeIf(i -> i.getCode() != CapabilityStatement.TypeRestfulInteraction.READ
							&& i.getCode() != CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE
							&& i.getCode() != CapabilityStatement.TypeRestfulInteraction.VREAD));
		}
	}
}

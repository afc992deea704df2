package org.fibroplan.audit.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Before a request that can delete (a delete, a transaction or batch, an expunge), the read records still
 * queued are stored: they name what was read by a local reference, which resolves only while it exists.
 */
class ReadRecordsBeforeDeletes {

	private final ReadRecordWriter reads;

	ReadRecordsBeforeDeletes(ReadRecordWriter reads) {
		this.reads = reads;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void beforeHandling(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == null) {
			return;
		}
		boolean mayDelete = switch (operation) {
			case DELETE, TRANSACTION, BATCH -> true;
			case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> "$expunge".equals(request.getOperation());
			default -> false;
		};
		if (mayDelete) {
			reads.flush();
		}
	}
}

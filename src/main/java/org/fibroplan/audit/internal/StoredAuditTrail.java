package org.fibroplan.audit.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.fibroplan.audit.AuditRecords;
import org.fibroplan.fhir.TransactionWrites;

/**
 * Stores audit records in this server. A write's record (create, update, delete) joins the write's own
 * transaction, so it exists exactly when the write does. A read's or search's record goes to the
 * {@link ReadRecordWriter}: never into the search's transaction (HAPI loads a page in a writable one, and
 * each joined record's reference resolution flushed every entity the page had loaded), and off the request.
 */
@Component
class StoredAuditTrail implements IBalpAuditEventSink, AuditRecords {

	private static final Set<AuditEvent.AuditEventAction> WRITES =
			EnumSet.of(AuditEvent.AuditEventAction.C, AuditEvent.AuditEventAction.U, AuditEvent.AuditEventAction.D);

	private final DaoRegistry daos;
	private final TransactionTemplate joinOrStart;
	private final ReadRecordWriter reads;

	StoredAuditTrail(DaoRegistry daos, PlatformTransactionManager transactions, ReadRecordWriter reads) {
		this.daos = daos;
		this.joinOrStart = new TransactionTemplate(transactions);
		this.reads = reads;
	}

	@Override
	public void record(AuditEvent event) {
		joinOrStart.executeWithoutResult(status -> TransactionWrites.create(daos.getResourceDao(AuditEvent.class), event, new SystemRequestDetails()));
	}

	@Override
	public void recordAuditEvent(AuditEvent auditEvent) {
		if (WRITES.contains(auditEvent.getAction())) {
			joinOrStart.executeWithoutResult(status -> TransactionWrites.create(daos.getResourceDao(AuditEvent.class), auditEvent, new SystemRequestDetails()));
		} else {
			reads.record(auditEvent);
		}
	}
}

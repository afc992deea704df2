package org.fibroplan.audit.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores audit records in this server. A write's record joins the write's own transaction, so it
 * exists exactly when the write does; a read's record gets a transaction of its own.
 */
@Component
class StoredAuditTrail implements IBalpAuditEventSink {

	private final DaoRegistry daos;
	private final TransactionTemplate joinOrStart;
	private final TransactionTemplate ownTransaction;

	StoredAuditTrail(DaoRegistry daos, PlatformTransactionManager transactions) {
		this.daos = daos;
		this.joinOrStart = new TransactionTemplate(transactions);
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public void recordAuditEvent(AuditEvent auditEvent) {
		boolean inWritableTransaction = TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
		(inWritableTransaction ? joinOrStart : ownTransaction).executeWithoutResult(status ->
				daos.getResourceDao(AuditEvent.class).create(auditEvent, new SystemRequestDetails()));
	}
}

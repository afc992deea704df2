package org.fibroplan.audit;

import org.hl7.fhir.r4.model.AuditEvent;

/**
 * The audit trail for what happens outside the FHIR API but must be on record with it (a CDS Hooks
 * client's feedback on a card, for instance): the record is stored like the server's own, append-only,
 * in the caller's transaction when there is one.
 */
public interface AuditRecords {

	void record(AuditEvent event);
}

package org.fibroplan.audit.internal;

import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import org.fibroplan.fhir.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HAPI's BALP interceptor on the FHIR server, writing to this server's own AuditEvent store; and the
 * rule that the audit trail and provenance are append-only for API callers.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

	@Bean
	FhirServerCustomizer auditTrail(StoredAuditTrail trail, TokenAuditContext context, ReadRecordWriter reads) {
		return server -> {
			server.registerInterceptor(new ReadRecordsBeforeDeletes(reads));
			server.registerInterceptor(new BalpAuditCaptureInterceptor(trail, context));
			server.registerInterceptor(new AppendOnlyRecords());
		};
	}
}

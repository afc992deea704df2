package org.fibroplan.audit.internal;

import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import org.fibroplan.fhir.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** HAPI's BALP interceptor on the FHIR server, writing to this server's own AuditEvent store. */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

	@Bean
	FhirServerCustomizer auditTrail(StoredAuditTrail trail, TokenAuditContext context) {
		return server -> server.registerInterceptor(new BalpAuditCaptureInterceptor(trail, context));
	}
}

package org.fibroplan.security.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.searchparam.matcher.AuthorizationSearchParamMatcher;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import org.fibroplan.fhir.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the SMART checks on every FHIR request, in the order they must run. */
@Configuration(proxyBeanMethods = false)
class FhirAuthorizationConfig {

	@Bean
	FhirServerCustomizer smartAuthorization(
			FhirContext fhirContext, SearchParamMatcher searchParamMatcher, IInterceptorService globalInterceptors) {
		return server -> {
			PatientReach patientReach = new PatientReach(fhirContext);
			globalInterceptors.registerInterceptor(new PatientsOwnRecordOnly(patientReach));
			SmartAuthorizationRules rules = new SmartAuthorizationRules(patientReach);
			// lets rules filter by search parameters (a patient's CarePlans: status=active,completed)
			rules.setAuthorizationSearchParamMatcher(new AuthorizationSearchParamMatcher(searchParamMatcher));
			server.registerInterceptor(new SmartRequestChecks(patientReach));
			server.registerInterceptor(new SmartSearchNarrowing());
			server.registerInterceptor(rules);
		};
	}
}

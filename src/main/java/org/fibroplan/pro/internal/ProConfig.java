package org.fibroplan.pro.internal;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Configuration;

/**
 * Validation and scoring of QuestionnaireResponses join HAPI's global registry: every stored response
 * is checked and scored, whether it arrives over HTTP, in a transaction, or from inside the server.
 */
@Configuration(proxyBeanMethods = false)
class ProConfig implements InitializingBean {

	private final IInterceptorService interceptors;
	private final ResponseValidationInterceptor validation;
	private final ResponseScoringInterceptor scoring;

	ProConfig(
			IInterceptorService interceptors, ResponseValidationInterceptor validation, ResponseScoringInterceptor scoring) {
		this.interceptors = interceptors;
		this.validation = validation;
		this.scoring = scoring;
	}

	@Override
	public void afterPropertiesSet() {
		interceptors.registerInterceptor(validation);
		interceptors.registerInterceptor(scoring);
	}
}

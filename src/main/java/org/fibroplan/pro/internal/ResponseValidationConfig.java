package org.fibroplan.pro.internal;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Configuration;

/**
 * QuestionnaireResponse validation joins HAPI's global registry: every stored response is checked,
 * whether it arrives over HTTP, in a transaction, or from inside the server.
 */
@Configuration(proxyBeanMethods = false)
class ResponseValidationConfig implements InitializingBean {

	private final IInterceptorService interceptors;
	private final ResponseValidationInterceptor validation;

	ResponseValidationConfig(IInterceptorService interceptors, ResponseValidationInterceptor validation) {
		this.interceptors = interceptors;
		this.validation = validation;
	}

	@Override
	public void afterPropertiesSet() {
		interceptors.registerInterceptor(validation);
	}
}

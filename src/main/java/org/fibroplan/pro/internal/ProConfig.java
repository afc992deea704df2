package org.fibroplan.pro.internal;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
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
	private final DirectScoreInterceptor directScores;
	private final boolean pipelineEnabled;

	ProConfig(
			IInterceptorService interceptors,
			ResponseValidationInterceptor validation,
			ResponseScoringInterceptor scoring,
			DirectScoreInterceptor directScores,
			@Value("${fibroplan.pro.pipeline-enabled:true}") boolean pipelineEnabled) {
		this.interceptors = interceptors;
		this.validation = validation;
		this.scoring = scoring;
		this.directScores = directScores;
		this.pipelineEnabled = pipelineEnabled;
	}

	/** Off only to measure what the pipeline costs against a bare create (bench/ingestion.sh). */
	@Override
	public void afterPropertiesSet() {
		if (pipelineEnabled) {
			interceptors.registerInterceptor(validation);
			interceptors.registerInterceptor(scoring);
			interceptors.registerInterceptor(directScores);
		}
	}
}

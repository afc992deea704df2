package org.fibroplan.fhir;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.dao.ThreadPoolFactory;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.interceptor.UserRequestRetryVersionConflictsInterceptor;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.ETagSupportEnum;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import java.util.List;
import org.fibroplan.fhir.internal.ProfileValidationInterceptor;
import org.apache.catalina.core.StandardHost;
import org.fibroplan.fhir.internal.FhirErrorReportValve;
import org.fibroplan.fhir.internal.FhirRequestRejections;
import org.fibroplan.fhir.internal.RequestBodyLimit;
import org.fibroplan.fhir.internal.RequestPreconditions;
import org.fibroplan.fhir.internal.SharedResolutions;
import org.fibroplan.fhir.internal.StaleVersionInterceptor;
import org.fibroplan.fhir.internal.NarrativeSanitizingInterceptor;
import org.fibroplan.fhir.internal.ToleratedDeleteReferences;
import org.fibroplan.fhir.internal.NotReadyFilter;
import org.fibroplan.fhir.internal.DuplicateIdentifierRefusals;
import org.fibroplan.fhir.internal.DefinitionsInUse;
import org.fibroplan.fhir.internal.ProfilePackage;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.fibroplan.fhir.internal.StrictRequestBodies;
import org.fibroplan.fhir.internal.UnreadableSearchValues;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;

/** Mounts HAPI's JPA-backed RestfulServer at /fhir with every R4 resource type HAPI serves. */
@Configuration(proxyBeanMethods = false)
@Import({
	JpaR4Config.class,
	HapiJpaConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	SubscriptionChannelConfig.class
})
class FhirServerConfig {

	static final String FHIR_PATH = "/fhir";

	@Bean
	ServletRegistrationBean<RestfulServer> fhirServlet(
			FhirContext fhirContext,
			@Qualifier("myResourceProvidersR4") ResourceProviderFactory resourceProviders,
			@Qualifier("mySystemProviderR4") JpaSystemProvider<?, ?> systemProvider,
			IFhirSystemDao<?, ?> systemDao,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			DatabaseBackedPagingProvider pagingProvider,
			StaleVersionInterceptor staleVersion,
			DefinitionsInUse definitionsInUse,
			RequestPreconditions preconditions,
			StrictRequestBodies strictBodies,
			UnreadableSearchValues unreadableSearchValues,
			List<FhirServerCustomizer> customizers,
			FhirServerProperties properties) {
		// The server keeps its own interceptor registry: what modules register on it (authorization, audit)
		// sees HTTP requests only, storage hooks included, while HAPI's global registry sees every write.
		RestfulServer server = new RestfulServer(fhirContext);
		server.setServerName("FibroPlan");
		server.setImplementationDescription("FibroPlan FHIR R4 server");
		server.registerProviders(resourceProviders.createProviders());
		server.registerProvider(systemProvider);
		server.setServerAddressStrategy(new IncomingRequestAddressStrategy());
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setETagSupport(ETagSupportEnum.ENABLED);

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);

		server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport));

		server.registerInterceptor(new ResponseHighlighterInterceptor());
		server.registerInterceptor(staleVersion);
		server.registerInterceptor(definitionsInUse);
		// A client that sends X-Retry-On-Version-Conflict (e.g. an EHR's racing upserts) is retried instead of getting 409.
		server.registerInterceptor(new UserRequestRetryVersionConflictsInterceptor());
		server.registerInterceptor(new DuplicateIdentifierRefusals());
		// Hostile or careless input is refused with 4xx before HAPI acts on it (see each class).
		server.registerInterceptor(preconditions);
		server.registerInterceptor(strictBodies);
		server.registerInterceptor(unreadableSearchValues);
		OpenApiInterceptor openApi = new OpenApiInterceptor();
		openApi.setUseResourcePages(false);
		server.registerInterceptor(openApi);
		customizers.forEach(customizer -> customizer.customize(server));

		ServletRegistrationBean<RestfulServer> registration =
				new ServletRegistrationBean<>(server, FHIR_PATH + "/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}

	@Bean
	DefinitionsInUse definitionsInUse(ProfilePackage profilePackage, DaoRegistry daos) {
		return new DefinitionsInUse(profilePackage, daos);
	}

	/**
	 * HAPI reads a batch Bundle's GET entries on a pool of its own threads; they run as the caller, with
	 * the caller's security context, so each entry is authorized (and audited) like the same single read.
	 */
	@Bean
	ThreadPoolFactory threadPoolFactory() {
		return new ThreadPoolFactory() {
			@Override
			public AsyncTaskExecutor newThreadPool(Integer coreSize, Integer maxSize, String threadPrefix) {
				return new DelegatingSecurityContextAsyncTaskExecutor(super.newThreadPool(coreSize, maxSize, threadPrefix));
			}
		};
	}

	/** Before Spring Security's filters: while not ready, every /fhir request gets 503, authenticated or not. */
	@Bean
	FilterRegistrationBean<NotReadyFilter> notReadyFilter(
			ApplicationAvailability availability, FhirContext fhirContext) {
		FilterRegistrationBean<NotReadyFilter> registration =
				new FilterRegistrationBean<>(new NotReadyFilter(availability, fhirContext));
		registration.addUrlPatterns(FHIR_PATH + "/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** Bodies on /fhir are counted as read and cut off at fibroplan.fhir.max-request-bytes (after authentication). */
	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(FhirServerProperties properties) {
		FilterRegistrationBean<RequestBodyLimit> registration =
				new FilterRegistrationBean<>(new RequestBodyLimit(properties.maxRequestBytes().toBytes()));
		registration.addUrlPatterns(FHIR_PATH + "/*");
		registration.setName("fhirRequestBodyLimit");
		return registration;
	}

	/** Spring Security's firewall refusals on /fhir speak FHIR (Spring Security picks this bean up by type). */
	@Bean
	RequestRejectedHandler fhirRequestRejections() {
		return new FhirRequestRejections();
	}

	/** Tomcat's own refusals on /fhir speak FHIR too: its error report valve, replaced on the host. */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> fhirErrorReports() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(FhirErrorReportValve.class.getName());
			}
		});
	}

	/**
	 * References to a specific version are kept where the version is the point: a Provenance names the
	 * plan version it is about, a delivery Task the plan version it delivered. HAPI strips versions
	 * everywhere else, as FHIR expects.
	 */
	@Bean
	InitializingBean versionSpecificReferences(FhirContext fhirContext) {
		return () -> fhirContext.getParserOptions().setDontStripVersionsFromReferencesAtPaths("Provenance.target", "Task.focus");
	}

	/** Deletes may leave behind references from records that only name what they were about (see the class). */
	@Bean
	InitializingBean toleratedDeleteReferences(IInterceptorService interceptorService, JpaStorageSettings settings) {
		return () -> interceptorService.registerInterceptor(
				new ToleratedDeleteReferences(settings.getEnforceReferentialIntegrityOnDeleteDisableForPaths()));
	}

	/** What one write of a transaction resolved is known to the server's writes after it (see TransactionWrites). */
	@Bean
	InitializingBean sharedResolutionsOnEveryWrite(IInterceptorService interceptorService, SharedResolutions resolutions) {
		return () -> interceptorService.registerInterceptor(resolutions);
	}

	/** Narratives are cleaned on HAPI's global registry: every write, every transaction entry, internal writes too. */
	@Bean
	InitializingBean narrativeAllowListOnEveryWrite(
			IInterceptorService interceptorService, NarrativeSanitizingInterceptor narratives) {
		return () -> interceptorService.registerInterceptor(narratives);
	}

	/**
	 * Profile validation joins HAPI's global registry, independent of the HTTP server: it sees every
	 * write, every entry of a transaction and the server's internal writes.
	 */
	@Bean
	InitializingBean profileValidationOnEveryWrite(
			IInterceptorService interceptorService, ProfileValidationInterceptor profileValidation, FhirServerProperties properties) {
		return () -> {
			if (properties.profileValidation()) {
				interceptorService.registerInterceptor(profileValidation);
			}
		};
	}
}

package testsupport.ehr;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.boot.archive.scan.internal.DisabledScanner;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * A second, independent HAPI FHIR JPA server standing in for clinics' EHRs in tests: its own Spring
 * context, its own in-memory database and port, plain HAPI (no FibroPlan rules, security or profiles).
 * Started once per test JVM by {@link #start()}. It lives outside org.fibroplan so that FibroPlan's own
 * test contexts, which scan that package, never pick it up.
 *
 * <p>One store, four faces, each its own EHR to FibroPlan (tests tell them apart by the MRN system their
 * patients carry): {@code /fhir} takes FHIR writes; {@code /read-only/fhir} refuses CarePlan, Goal and
 * ServiceRequest writes and says so in its CapabilityStatement (documents only, like the big EHRs);
 * {@code /flaky/fhir} answers scripted {@link Faults} and is served on a second port that can be shut
 * ({@link #outage()}) and reopened ({@link #restore()}); {@code /guarded/fhir} wants a SMART Backend
 * Services token from {@code /guarded/token} ({@link BackendServicesGate}).
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class})
@Import({JpaR4Config.class, HapiJpaConfig.class, ThreadPoolFactoryConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class,
		SubscriptionChannelConfig.class})
public class EhrSandbox {

	private static final Faults FAULTS = new Faults();
	private static final BackendServicesGate GATE = new BackendServicesGate();
	private static final int OUTAGE_PORT = freePort();
	private static ConfigurableApplicationContext context;

	/** Runs the sandbox on its own (bench/delivery.sh): {@code EhrSandbox [port]}; prints the FHIR base URL. */
	public static void main(String[] args) {
		if (args.length > 0) {
			System.setProperty("server.port", args[0]);
		}
		System.out.println("EHR sandbox ready at " + start());
	}

	/** The plain EHR's FHIR base URL, starting the sandbox if it is not running yet. */
	public static String start() {
		return root() + "/fhir";
	}

	/** The sandbox's root URL on its main port, starting it if it is not running yet. */
	public static synchronized String root() {
		if (context == null) {
			context = new SpringApplicationBuilder(EhrSandbox.class)
					.properties(
							"spring.config.name=ehr-sandbox", // none of FibroPlan's application*.yml
							"server.port=" + System.getProperty("server.port", "0"),
							"spring.main.allow-circular-references=true",
							"spring.main.banner-mode=off",
							"spring.jmx.enabled=false")
					.run();
		}
		int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
		return "http://localhost:" + port;
	}

	/** The root URL on the second port, the one {@link #outage()} shuts (the flaky EHR is reached through it). */
	public static String outageRoot() {
		root();
		return "http://localhost:" + OUTAGE_PORT;
	}

	public static Faults faults() {
		return FAULTS;
	}

	public static BackendServicesGate gate() {
		return GATE;
	}

	/** Closes the second port: connections to it are refused, as to an EHR that is down. */
	public static synchronized void outage() {
		try {
			outageConnector().stop();
		} catch (org.apache.catalina.LifecycleException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Opens the second port again. */
	public static synchronized void restore() {
		try {
			outageConnector().start();
		} catch (org.apache.catalina.LifecycleException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Connector outageConnector() {
		root();
		TomcatWebServer server = (TomcatWebServer) ((ServletWebServerApplicationContext) context).getWebServer();
		for (Connector connector : server.getTomcat().getService().findConnectors()) {
			if (connector.getPort() == OUTAGE_PORT) {
				return connector;
			}
		}
		throw new IllegalStateException("No connector on port " + OUTAGE_PORT);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> outagePort() {
		return factory -> {
			Connector connector = new Connector();
			connector.setPort(OUTAGE_PORT);
			connector.setProperty("bindOnInit", "false"); // stop() then releases the port, start() binds it again
			factory.addAdditionalTomcatConnectors(connector);
		};
	}

	@Bean
	DataSource ehrDataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		// bench/write-path.sh runs the sandbox as the bare HAPI server on the database kind FibroPlan uses.
		dataSource.setJdbcUrl(System.getProperty("sandbox.jdbc-url", "jdbc:h2:mem:ehr-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
		dataSource.setUsername(System.getProperty("sandbox.jdbc-user", "sa"));
		dataSource.setMaximumPoolSize(10);
		return dataSource;
	}

	@Bean
	JpaStorageSettings storageSettings() {
		JpaStorageSettings settings = new JpaStorageSettings();
		settings.setReuseCachedSearchResultsForMillis(null);
		settings.setAllowExternalReferences(true);
		return settings;
	}

	@Bean
	PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Primary
	@Bean
	LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory, DataSource dataSource, FhirContext fhirContext, JpaStorageSettings settings) {
		LocalContainerEntityManagerFactoryBean factory = HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, settings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		Properties properties = new Properties();
		boolean postgres = System.getProperty("sandbox.jdbc-url", "").startsWith("jdbc:postgresql:");
		properties.put("hibernate.dialect", (postgres ? HapiFhirPostgresDialect.class : HapiFhirH2Dialect.class).getName());
		properties.put("hibernate.hbm2ddl.auto", "update");
		properties.put("hibernate.search.enabled", "false");
		properties.put("hibernate.archive.scanner", DisabledScanner.class.getName());
		factory.setJpaProperties(properties);
		return factory;
	}

	@Primary
	@Bean
	JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}

	@Bean
	ServletRegistrationBean<RestfulServer> ehrFhirServlet(FhirContext fhirContext,
			@Qualifier("myResourceProvidersR4") ResourceProviderFactory resourceProviders, @Qualifier("mySystemProviderR4") Object systemProvider) {
		return fhirEndpoint("ehr-fhir", "/fhir/*", new RestfulServer(fhirContext), resourceProviders, systemProvider);
	}

	@Bean
	ServletRegistrationBean<RestfulServer> readOnlyFhirServlet(FhirContext fhirContext,
			@Qualifier("myResourceProvidersR4") ResourceProviderFactory resourceProviders, @Qualifier("mySystemProviderR4") Object systemProvider) {
		RestfulServer server = new RestfulServer(fhirContext);
		server.registerInterceptor(new ReadOnlyCarePlans());
		return fhirEndpoint("read-only-fhir", "/read-only/fhir/*", server, resourceProviders, systemProvider);
	}

	@Bean
	ServletRegistrationBean<RestfulServer> flakyFhirServlet(FhirContext fhirContext,
			@Qualifier("myResourceProvidersR4") ResourceProviderFactory resourceProviders, @Qualifier("mySystemProviderR4") Object systemProvider) {
		return fhirEndpoint("flaky-fhir", "/flaky/fhir/*", new RestfulServer(fhirContext), resourceProviders, systemProvider);
	}

	@Bean
	ServletRegistrationBean<RestfulServer> guardedFhirServlet(FhirContext fhirContext,
			@Qualifier("myResourceProvidersR4") ResourceProviderFactory resourceProviders, @Qualifier("mySystemProviderR4") Object systemProvider) {
		return fhirEndpoint("guarded-fhir", "/guarded/fhir/*", new RestfulServer(fhirContext), resourceProviders, systemProvider);
	}

	@Bean
	FilterRegistrationBean<Faults> flakyFaults() {
		FilterRegistrationBean<Faults> registration = new FilterRegistrationBean<>(FAULTS);
		registration.addUrlPatterns("/flaky/fhir/*");
		registration.setName("flaky-faults");
		return registration;
	}

	@Bean
	ServletRegistrationBean<jakarta.servlet.http.HttpServlet> guardedTokenEndpoint() {
		ServletRegistrationBean<jakarta.servlet.http.HttpServlet> registration =
				new ServletRegistrationBean<>(GATE.tokenEndpoint(), "/guarded/token");
		registration.setName("guarded-token");
		return registration;
	}

	@Bean
	FilterRegistrationBean<jakarta.servlet.Filter> guardedBearerCheck() {
		FilterRegistrationBean<jakarta.servlet.Filter> registration = new FilterRegistrationBean<>(GATE.bearerCheck());
		registration.addUrlPatterns("/guarded/fhir/*");
		registration.setName("guarded-bearer-check");
		return registration;
	}

	private static ServletRegistrationBean<RestfulServer> fhirEndpoint(String name, String path, RestfulServer server,
			ResourceProviderFactory resourceProviders, Object systemProvider) {
		server.setServerName("EHR sandbox (" + name + ")");
		server.registerProviders(resourceProviders.createProviders());
		server.registerProvider(systemProvider);
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, path);
		registration.setName(name);
		registration.setLoadOnStartup(1);
		return registration;
	}
}

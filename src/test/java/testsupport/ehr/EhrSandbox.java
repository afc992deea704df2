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
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
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
 * A second, independent HAPI FHIR JPA server standing in for a clinic's EHR in tests: its own Spring
 * context, its own in-memory database and port, plain HAPI (no FibroPlan rules, security or profiles).
 * Started once per test JVM by {@link #start()}. It lives outside org.fibroplan so that FibroPlan's own
 * test contexts, which scan that package, never pick it up.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class})
@Import({JpaR4Config.class, HapiJpaConfig.class, ThreadPoolFactoryConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class,
		SubscriptionChannelConfig.class})
public class EhrSandbox {

	private static ConfigurableApplicationContext context;

	/** The sandbox's FHIR base URL, starting it if it is not running yet. */
	public static synchronized String start() {
		if (context == null) {
			context = new SpringApplicationBuilder(EhrSandbox.class)
					.properties(
							"spring.config.name=ehr-sandbox", // none of FibroPlan's application*.yml
							"server.port=0",
							"spring.main.allow-circular-references=true",
							"spring.main.banner-mode=off",
							"spring.jmx.enabled=false")
					.run();
		}
		int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
		return "http://localhost:" + port + "/fhir";
	}

	@Bean
	DataSource ehrDataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:h2:mem:ehr-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		dataSource.setUsername("sa");
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
		properties.put("hibernate.dialect", HapiFhirH2Dialect.class.getName());
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
	ServletRegistrationBean<RestfulServer> ehrFhirServlet(
			FhirContext fhirContext,
			@Qualifier("myResourceProvidersR4") ResourceProviderFactory resourceProviders,
			@Qualifier("mySystemProviderR4") Object systemProvider) {
		RestfulServer server = new RestfulServer(fhirContext);
		server.setServerName("EHR sandbox");
		server.registerProviders(resourceProviders.createProviders());
		server.registerProvider(systemProvider);
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
		registration.setName("ehr-fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}
}

package org.fibroplan.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import com.zaxxer.hikari.HikariDataSource;
import org.fibroplan.fhir.internal.SessionSafeTagCache;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.hibernate.boot.archive.scan.internal.DisabledScanner;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI's JPA storage over whichever database {@code spring.datasource.url} names. The Hibernate dialect
 * follows from the URL, so switching to PostgreSQL is a matter of pointing the URL at it.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfig {

	@Bean
	JpaStorageSettings storageSettings() {
		JpaStorageSettings settings = new JpaStorageSettings();
		settings.setAllowExternalReferences(true);
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		// An audit record names what was accessed; it must never stop that resource from being deleted.
		// Likewise a plan's provenance and reasons name the scores it was drafted from: when a patient
		// corrects an answer its old scores are replaced, and those records keep pointing at the old
		// version (still in the history) instead of blocking the correction with a 409.
		// AuditEvent's patient parameter indexes the same elements under its own path (its expression's).
		settings.setEnforceReferentialIntegrityOnDeleteDisableForPaths(java.util.Set.of(
				"AuditEvent.entity.what", "AuditEvent.agent.who", "Provenance.entity.what",
				"AuditEvent.entity.what.where(resolve() is Patient)", "AuditEvent.agent.who.where(resolve() is Patient)",
				"CarePlan.activity.detail.reasonReference", "ServiceRequest.reasonReference"));
		// Read-your-writes: a search right after a write must see it (clinicians act on fresh data).
		settings.setReuseCachedSearchResultsForMillis(null);
		settings.setDefaultSearchParamsCanBeOverridden(true);
		settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
		settings.setMarkResourcesForReindexingUponSearchParameterChange(true);
		// No token is searched by its display text (`:text`), and that index is a string row per coding of
		// every code, category, type and role written: a sixth of what each answer indexes.
		settings.setSuppressStringIndexingInTokens(true);
		return settings;
	}

	/** Takes the place of HAPI's own memory cache (see {@link SessionSafeTagCache} for why). */
	@Primary
	@Bean
	MemoryCacheService sessionSafeMemoryCacheService(JpaStorageSettings storageSettings,
			org.springframework.beans.factory.ObjectProvider<EntityManagerFactory> entityManagers) {
		return new SessionSafeTagCache(storageSettings, entityManagers);
	}

	@Bean
	PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Primary
	@Bean
	LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory,
			DataSource dataSource,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		factory.setJpaProperties(hibernateProperties(jdbcUrl(dataSource)));
		return factory;
	}

	@Primary
	@Bean
	JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}

	private static Properties hibernateProperties(String jdbcUrl) {
		Properties props = new Properties();
		props.put("hibernate.dialect", dialectFor(jdbcUrl));
		// Hibernate keeps the schema current; HAPI's migrator is the route once releases must upgrade data.
		props.put("hibernate.hbm2ddl.auto", "update");
		props.put("hibernate.search.enabled", "false");
		props.put("hibernate.archive.scanner", DisabledScanner.class.getName());
		props.put("hibernate.jdbc.batch_size", "20");
		// Not reordered: HAPI maps each index row's resource both as a column and as a read-only association,
		// so Hibernate's insert sorter cannot see that the resource row must come first; a flush holding a
		// new audit record and its indexes in mid-write (a clinician's edit) failed on the foreign key.
		props.put("hibernate.order_inserts", "false");
		props.put("hibernate.order_updates", "true");
		props.put("hibernate.format_sql", "false");
		props.put("hibernate.show_sql", "false");
		return props;
	}

	static String dialectFor(String jdbcUrl) {
		if (jdbcUrl.startsWith("jdbc:postgresql:")) {
			return HapiFhirPostgresDialect.class.getName();
		}
		if (jdbcUrl.startsWith("jdbc:h2:")) {
			return HapiFhirH2Dialect.class.getName();
		}
		throw new IllegalStateException(
				"FibroPlan stores data in H2 or PostgreSQL; spring.datasource.url names neither: " + jdbcUrl);
	}

	private static String jdbcUrl(DataSource dataSource) {
		if (dataSource instanceof HikariDataSource hikari) {
			return hikari.getJdbcUrl();
		}
		throw new IllegalStateException("Expected the Hikari pool Spring Boot configures, got " + dataSource);
	}
}

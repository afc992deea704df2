package org.fibroplan.security.internal;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionTransactionManager;

/**
 * HTTP sessions live in the database (Spring Session JDBC, configured by Spring Boot): a user signed in
 * through one instance is served by any other sharing the database. Their tables are made here.
 */
@Configuration(proxyBeanMethods = false)
class SharedSessionConfig {

	/**
	 * Spring Session's own transactions: plain JDBC on the same database, not a JPA EntityManager for every
	 * request's session write.
	 */
	@Bean
	@SpringSessionTransactionManager
	DataSourceTransactionManager sessionTransactions(DataSource dataSource) {
		SharedSessionTables.createIfMissing(dataSource);
		return new DataSourceTransactionManager(dataSource);
	}
}

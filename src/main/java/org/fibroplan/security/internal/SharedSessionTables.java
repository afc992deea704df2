package org.fibroplan.security.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The tables that let any instance carry on what another began: Spring Session's (the /app and sign-in
 * sessions) and the authorization server's codes and tokens. Created at start when missing, on H2 or
 * PostgreSQL, the way the scheduled-tasks table is.
 */
final class SharedSessionTables {

	private SharedSessionTables() {}

	static void createIfMissing(DataSource dataSource) {
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		} catch (SQLException e) {
			throw new IllegalStateException("Cannot reach the database to prepare the session tables", e);
		}
		String script = "PostgreSQL".equals(product) ? "db/sessions-postgresql.sql" : "db/sessions-h2.sql";
		new ResourceDatabasePopulator(new ClassPathResource(script)).execute(dataSource);
	}
}

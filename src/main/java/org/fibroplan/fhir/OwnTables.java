package org.fibroplan.fhir;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Tables FibroPlan keeps beside HAPI's in its own database (H2 or PostgreSQL), created at start when missing
 * from a script per database kind: {@code <stem>-h2.sql} or {@code <stem>-postgresql.sql}, each written to
 * run again harmlessly (CREATE ... IF NOT EXISTS).
 */
public final class OwnTables {

	private OwnTables() {}

	/** @param what the tables' name in words, for the error when the database cannot be reached */
	public static void createIfMissing(DataSource dataSource, String scriptStem, String what) {
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		} catch (SQLException e) {
			throw new IllegalStateException("Cannot reach the database to prepare the " + what, e);
		}
		String script = scriptStem + ("PostgreSQL".equals(product) ? "-postgresql.sql" : "-h2.sql");
		new ResourceDatabasePopulator(new ClassPathResource(script)).execute(dataSource);
	}
}

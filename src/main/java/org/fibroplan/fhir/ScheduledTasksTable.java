package org.fibroplan.fhir;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * db-scheduler's execution table in FibroPlan's own database (H2 or PostgreSQL), shared by the modules that
 * run durable jobs on it (ehr's deliveries, careplan's daily review); created at start when missing.
 */
public final class ScheduledTasksTable {

	private ScheduledTasksTable() {}

	public static void createIfMissing(DataSource dataSource) {
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		} catch (SQLException e) {
			throw new IllegalStateException("Cannot reach the database to prepare the scheduled-tasks table", e);
		}
		String script = "PostgreSQL".equals(product) ? "db/scheduled-tasks-postgresql.sql" : "db/scheduled-tasks-h2.sql";
		new ResourceDatabasePopulator(new ClassPathResource(script)).execute(dataSource);
	}
}

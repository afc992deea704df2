package org.fibroplan.fhir;

import javax.sql.DataSource;

/**
 * db-scheduler's execution table in FibroPlan's own database (H2 or PostgreSQL), shared by the modules that
 * run durable jobs on it (ehr's deliveries, careplan's daily review); created at start when missing.
 */
public final class ScheduledTasksTable {

	private ScheduledTasksTable() {}

	public static void createIfMissing(DataSource dataSource) {
		OwnTables.createIfMissing(dataSource, "db/scheduled-tasks", "scheduled-tasks table");
	}
}

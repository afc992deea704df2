package org.fibroplan.security.internal;

import javax.sql.DataSource;
import org.fibroplan.fhir.OwnTables;

/**
 * The tables that let any instance carry on what another began: Spring Session's (the /app and sign-in
 * sessions) and the authorization server's codes and tokens. Created at start when missing, on H2 or
 * PostgreSQL, as the scheduled-tasks table is.
 */
final class SharedSessionTables {

	private SharedSessionTables() {}

	static void createIfMissing(DataSource dataSource) {
		OwnTables.createIfMissing(dataSource, "db/sessions", "session tables");
	}
}

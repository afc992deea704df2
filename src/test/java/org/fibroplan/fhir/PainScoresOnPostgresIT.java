package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.fibroplan.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The pain-score stories on the real PostgreSQL server, through the production profile. */
class PainScoresOnPostgresIT extends PostgresIntegrationTest implements PainScoreStories {

	@Autowired
	DataSource dataSource;

	@Test
	void theServerReallyStoresInPostgres() throws Exception {
		try (var connection = dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
			var tables = connection.getMetaData().getTables(null, "public", "hfj_resource", null);
			assertThat(tables.next()).as("HAPI's resource table exists in PostgreSQL").isTrue();
		}
	}
}

package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StorageConfigTest {

	@Test
	void theDialectFollowsTheDatabaseTheUrlNames() {
		assertThat(StorageConfig.dialectFor("jdbc:h2:file:./data/fibroplan")).endsWith("HapiFhirH2Dialect");
		assertThat(StorageConfig.dialectFor("jdbc:postgresql://db:5432/fibroplan")).endsWith("HapiFhirPostgresDialect");
	}

	@Test
	void anUnsupportedDatabaseIsRefusedAtStartWithAClearReason() {
		assertThatThrownBy(() -> StorageConfig.dialectFor("jdbc:mysql://db/fibroplan"))
				.hasMessageContaining("H2 or PostgreSQL");
	}
}

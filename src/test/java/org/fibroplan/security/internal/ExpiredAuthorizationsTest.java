package org.fibroplan.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ExpiredAuthorizationsTest {

	private final DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:expired-authorizations;DB_CLOSE_DELAY=-1", "sa", "");
	private final JdbcTemplate jdbc = new JdbcTemplate(database);
	private final Instant now = Instant.parse("2026-11-28T12:00:00Z");

	@Test
	void onlyAuthorizationsWhoseEveryCodeAndTokenHasExpiredAreCleared() {
		SharedSessionTables.createIfMissing(database);
		insert("spent", now.minus(Duration.ofMinutes(10)), null);
		insert("refreshable", now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(7)));
		insert("live", now.plus(Duration.ofMinutes(4)), null);
		jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type, state) "
				+ "VALUES ('begun', 'fibroplan-web', 'clinician', 'authorization_code', 'some-state')");

		ExpiredAuthorizations expired = new ExpiredAuthorizations(database);
		try {
			assertThat(expired.clear(now)).isEqualTo(1);
		} finally {
			expired.destroy();
		}
		assertThat(jdbc.queryForList("SELECT id FROM oauth2_authorization ORDER BY id", String.class))
				.containsExactly("begun", "live", "refreshable");
	}

	private void insert(String id, Instant accessExpires, Instant refreshExpires) {
		jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type, "
				+ "access_token_expires_at, refresh_token_expires_at) VALUES (?, 'fibroplan-web', 'clinician', 'authorization_code', ?, ?)",
				id, Timestamp.from(accessExpires), refreshExpires == null ? null : Timestamp.from(refreshExpires));
	}
}

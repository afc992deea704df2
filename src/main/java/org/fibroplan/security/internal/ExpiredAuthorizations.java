package org.fibroplan.security.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Clears the authorization server's table of codes and tokens that have all expired (its own store never
 * does): one row per token issued would otherwise pile up for ever. Every instance runs it; a delete that
 * finds nothing costs nothing.
 */
final class ExpiredAuthorizations implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizations.class);
	private static final Duration EVERY = Duration.ofHours(1);
	private static final Timestamp NEVER = Timestamp.from(Instant.EPOCH);

	private final JdbcTemplate jdbc;
	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "expired-authorizations");
		thread.setDaemon(true);
		return thread;
	});

	ExpiredAuthorizations(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		timer.scheduleWithFixedDelay(this::clearSafely, EVERY.toMinutes(), EVERY.toMinutes(), TimeUnit.MINUTES);
	}

	/** Deletes every authorization whose code and tokens have all expired; returns how many. */
	int clear(Instant now) {
		return jdbc.update("DELETE FROM oauth2_authorization WHERE COALESCE(authorization_code_expires_at, access_token_expires_at, "
				+ "refresh_token_expires_at, oidc_id_token_expires_at) IS NOT NULL AND GREATEST(COALESCE(authorization_code_expires_at, ?), "
				+ "COALESCE(access_token_expires_at, ?), COALESCE(refresh_token_expires_at, ?), COALESCE(oidc_id_token_expires_at, ?)) < ?",
				NEVER, NEVER, NEVER, NEVER, Timestamp.from(now));
	}

	private void clearSafely() {
		try {
			int cleared = clear(Instant.now());
			log.debug("Cleared {} expired authorizations", cleared);
		} catch (RuntimeException e) {
			log.warn("Could not clear expired authorizations: {}", e.toString());
		}
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}
}

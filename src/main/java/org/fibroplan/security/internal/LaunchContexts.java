package org.fibroplan.security.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.fibroplan.fhir.OwnTables;
import org.fibroplan.security.SmartLaunches;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SMART launches in FibroPlan's own table (db/smart-launches-*.sql), shared by every instance: issued by
 * the EHR side (the demo launcher), checked at the authorization endpoint, and bound to the one
 * authorization that uses it when its first token is issued. Unused launches expire after
 * {@link #UNUSED_LIFETIME}; a bound launch lives as long as its sign-in's refresh tokens can.
 */
class LaunchContexts implements SmartLaunches {

	/** Enough for an app to start and a user to sign in; short, because a launch names a patient. */
	static final Duration UNUSED_LIFETIME = Duration.ofMinutes(5);
	/** Past the refresh tokens' 8 hours, a bound launch can serve nothing any more. */
	private static final Duration BOUND_LIFETIME = Duration.ofHours(9);
	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{20,64}");
	private static final SecureRandom RANDOM = new SecureRandom();

	/** What a launch names. */
	record Launch(String patient, String user) {}

	private final JdbcTemplate jdbc;
	private final Clock clock;

	LaunchContexts(DataSource dataSource, Clock clock) {
		OwnTables.createIfMissing(dataSource, "db/smart-launches", "SMART launch table");
		this.jdbc = new JdbcTemplate(dataSource);
		this.clock = clock;
	}

	@Override
	public String issue(String patientId, String userName) {
		if (patientId == null || !patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
			throw new IllegalArgumentException("Not a Patient id: " + patientId);
		}
		if (userName == null || userName.isBlank()) {
			throw new IllegalArgumentException("A launch is issued to a user");
		}
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		long now = clock.millis();
		// housekeeping on the way: launches nobody used, and bound ones whose sign-in is long over
		jdbc.update("DELETE FROM fibroplan_smart_launch WHERE expires_at < ?", now - BOUND_LIFETIME.toMillis());
		jdbc.update("DELETE FROM fibroplan_smart_launch WHERE authorization_id IS NULL AND expires_at < ?", now);
		jdbc.update("INSERT INTO fibroplan_smart_launch (launch_id, patient_id, user_name, expires_at) VALUES (?, ?, ?, ?)",
				token, patientId, userName, now + UNUSED_LIFETIME.toMillis());
		return token;
	}

	/** A launch not yet used and not expired: what the authorization endpoint accepts. */
	Optional<Launch> pending(String token) {
		if (token == null || !SHAPE.matcher(token).matches()) {
			return Optional.empty();
		}
		return first(jdbc.query("SELECT patient_id, user_name FROM fibroplan_smart_launch WHERE launch_id = ? "
				+ "AND authorization_id IS NULL AND expires_at > ?", (rs, n) -> new Launch(rs.getString(1), rs.getString(2)),
				token, clock.millis()));
	}

	/**
	 * The launch as the context of {@code authorizationId}'s tokens: the first token issued binds it (one
	 * atomic update, so two sign-ins racing for one launch cannot both have it); later tokens of the same
	 * authorization (the ID token, refreshes) find it bound to them. Empty when expired or taken by another.
	 */
	Optional<Launch> bind(String token, String authorizationId) {
		if (token == null || !SHAPE.matcher(token).matches()) {
			return Optional.empty();
		}
		jdbc.update("UPDATE fibroplan_smart_launch SET authorization_id = ? WHERE launch_id = ? AND authorization_id IS NULL AND expires_at > ?",
				authorizationId, token, clock.millis());
		return first(jdbc.query("SELECT patient_id, user_name FROM fibroplan_smart_launch WHERE launch_id = ? AND authorization_id = ?",
				(rs, n) -> new Launch(rs.getString(1), rs.getString(2)), token, authorizationId));
	}

	private static Optional<Launch> first(List<Launch> found) {
		return found.stream().findFirst();
	}
}

package org.fibroplan;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the real PostgreSQL server (127.0.0.1:5432, trust auth, by default), created for
 * one test run and dropped when the JVM exits, so runs never see each other's data. Override the server
 * with FIBROPLAN_TEST_PG_URL (an admin connection URL) and FIBROPLAN_TEST_PG_USER.
 */
public final class PostgresTestDatabase {

	private static final String ADMIN_URL = env("FIBROPLAN_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
	private static final String USER = env("FIBROPLAN_TEST_PG_USER", "postgres");
	private static String url;

	private PostgresTestDatabase() {}

	/** Why PostgreSQL cannot be used, or null when it can. */
	static String unavailableBecause() {
		try (Connection ignored = DriverManager.getConnection(ADMIN_URL + "?connectTimeout=3", USER, "")) {
			return null;
		} catch (SQLException e) {
			return "PostgreSQL at " + ADMIN_URL + " (user " + USER + ") is not reachable: " + e.getMessage();
		}
	}

	public static synchronized String url() {
		if (url == null) {
			String name = "fibroplan_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
			execute("CREATE DATABASE " + name);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
			url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
		}
		return url;
	}

	public static String user() {
		return USER;
	}

	/**
	 * Drops the run's database once the test contexts (closing in their own shutdown hooks, at the same
	 * time) have let go of it, so none of their background work (the delivery queue's polling) is cut off
	 * mid-way and left waiting for connections to a database that is gone. Forced after 20 s.
	 */
	private static void drop(String name) {
		long deadline = System.nanoTime() + 20_000_000_000L;
		try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, "")) {
			while (System.nanoTime() < deadline) {
				try (var sessions = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
					sessions.setString(1, name);
					try (var rows = sessions.executeQuery()) {
						if (rows.next() && rows.getInt(1) == 0) {
							break;
						}
					}
				}
				Thread.sleep(200);
			}
			admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		} catch (SQLException e) {
			throw new IllegalStateException("PostgreSQL refused to drop " + name, e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void execute(String sql) {
		try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, "")) {
			admin.createStatement().execute(sql);
		} catch (SQLException e) {
			throw new IllegalStateException("PostgreSQL refused: " + sql, e);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}

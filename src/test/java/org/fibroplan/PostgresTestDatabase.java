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
			Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
			url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
		}
		return url;
	}

	public static String user() {
		return USER;
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

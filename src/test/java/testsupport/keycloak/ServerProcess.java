package testsupport.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A server the tests run as a separate operating-system process, its output in a log file: started
 * without waiting, ready once a URL answers 200, stopped (with its children) when the test JVM exits.
 */
final class ServerProcess {

	private final String name;
	private final Process process;
	private final Path log;
	private final long startedAt = System.nanoTime();

	private ServerProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop " + name));
	}

	static ServerProcess start(String name, List<String> command, Path workingDirectory, Map<String, String> environment, Path log) {
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
					.redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			return new ServerProcess(name, builder.start(), log);
		} catch (IOException e) {
			throw new UncheckedIOException("Could not start " + name + ": " + command, e);
		}
	}

	/** Waits until {@code url} answers 200; fails with the end of the log if the process dies or time runs out. */
	Duration awaitReady(String url, Duration timeout) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready:\n" + logTail());
			}
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return Duration.ofNanos(System.nanoTime() - startedAt);
				}
			} catch (IOException notYet) {
				// not listening yet
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			sleep();
		}
		stop();
		throw new IllegalStateException(name + " was not ready at " + url + " within " + timeout + ":\n" + logTail());
	}

	void stop() {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		} catch (IOException | UncheckedIOException e) {
			return "(no log at " + log + ")";
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(500);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

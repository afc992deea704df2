package org.fibroplan.audit;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Read and search records are stored moments after the response (off the request); a story about them asks
 * again until they are in, for at most a few seconds, and then checks what it found.
 */
final class ReadRecords {

	static final Duration WITHIN = Duration.ofSeconds(10);

	private ReadRecords() {
	}

	/**
	 * Like {@link #eventually}, then asked again until two answers a moment apart hold the same items (by key):
	 * for a story that compares several searches of the same records.
	 */
	static <T> List<T> settled(Supplier<List<T>> ask, Predicate<List<T>> ready, Function<T, String> key) {
		List<T> answer = eventually(ask, ready);
		long deadline = System.nanoTime() + WITHIN.toNanos();
		while (System.nanoTime() < deadline) {
			pause(300);
			List<T> again = ask.get();
			if (again.stream().map(key).toList().equals(answer.stream().map(key).toList())) {
				return again;
			}
			answer = again;
		}
		return answer;
	}

	/** The first answer that passes the check, or the last one (for the caller's assertion to explain). */
	static <T> T eventually(Supplier<T> ask, Predicate<T> ready) {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		T answer = ask.get();
		while (!ready.test(answer) && System.nanoTime() < deadline) {
			pause(50);
			answer = ask.get();
		}
		return answer;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

package org.fibroplan.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Remembers failed logins per account and per client address, and says when either is locked: after
 * {@code accountFailures} (or {@code addressFailures}) failures, for {@code lock}, doubled by each further
 * failure up to {@code maxLock}. A success clears the account. Bounded in-memory stores (Caffeine), so a
 * flood of made-up names cannot grow them; each instance of the server counts on its own.
 */
class LoginThrottle {

	/** A key's failures: how many, the last one, and the lock they caused (if any). */
	record Failures(int count, Instant last, Instant lockedUntil) {

		Instant forgetAt(Duration window) {
			return (lockedUntil != null && lockedUntil.isAfter(last) ? lockedUntil : last).plus(window);
		}
	}

	static final String RETRY_AFTER = LoginThrottle.class.getName() + ".retryAfter";

	private final LoginThrottleSettings settings;
	private final Clock clock;
	private final Cache<String, Failures> accounts;
	private final Cache<String, Failures> addresses;

	LoginThrottle(LoginThrottleSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.accounts = store();
		this.addresses = store();
	}

	private Cache<String, Failures> store() {
		return Caffeine.newBuilder()
				.maximumSize(settings.maxTracked())
				.ticker(() -> clock.millis() * 1_000_000L)
				.expireAfter(new Expiry<String, Failures>() {
					@Override
					public long expireAfterCreate(String key, Failures failures, long now) {
						return Math.max(0, Duration.between(clock.instant(), failures.forgetAt(settings.window())).toNanos());
					}

					@Override
					public long expireAfterUpdate(String key, Failures failures, long now, long current) {
						return expireAfterCreate(key, failures, now);
					}

					@Override
					public long expireAfterRead(String key, Failures failures, long now, long current) {
						return current;
					}
				})
				.build();
	}

	/** How long this account, or anyone from this address, must still wait; empty when they may try. */
	Optional<Duration> lockedFor(String account, String address) {
		if (!settings.enabled()) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		return Stream.of(account == null ? null : accounts.getIfPresent(account), address == null ? null : addresses.getIfPresent(address))
				.filter(f -> f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now))
				.map(f -> Duration.between(now, f.lockedUntil()))
				.max(Duration::compareTo);
	}

	void failed(String account, String address) {
		if (!settings.enabled()) {
			return;
		}
		if (account != null) {
			accounts.asMap().compute(account, (key, earlier) -> next(earlier, settings.accountFailures()));
		}
		if (address != null) {
			addresses.asMap().compute(address, (key, earlier) -> next(earlier, settings.addressFailures()));
		}
	}

	/** A success clears the account only: an address's failures stand, or one good password would reset them. */
	void succeeded(String account) {
		if (account != null) {
			accounts.invalidate(account);
		}
	}

	/** The address of the request being handled (Tomcat's remote address: set forward headers behind a proxy). */
	static String currentAddress() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
				? request.getRequest().getRemoteAddr() : null;
	}

	/** Remembered on the request when a login is refused for a lock, for the answer's Retry-After. */
	static void remember(Duration lockedFor) {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			request.getRequest().setAttribute(RETRY_AFTER, lockedFor);
		}
	}

	static boolean refusedForLock() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
				&& request.getRequest().getAttribute(RETRY_AFTER) != null;
	}

	private Failures next(Failures earlier, int allowed) {
		Instant now = clock.instant();
		int count = earlier == null ? 1 : earlier.count() + 1;
		Instant lockedUntil = earlier == null ? null : earlier.lockedUntil();
		if (count >= allowed) {
			int doublings = Math.min(count - allowed, 20);
			Duration lock = settings.lock().multipliedBy(1L << doublings);
			lockedUntil = now.plus(lock.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : lock);
		}
		return new Failures(count, now, lockedUntil);
	}
}

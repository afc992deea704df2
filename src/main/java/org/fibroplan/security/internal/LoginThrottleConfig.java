package org.fibroplan.security.internal;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;

/**
 * Login throttling from Spring Security's own authentication events: wrong passwords (form login, HTTP
 * Basic) count, successes clear the account; wrong client secrets are counted by
 * {@link ClientSecretAttempts}. The checks sit where the accounts are looked up ({@link ThrottledUsers},
 * {@link ThrottledClients}).
 */
@Configuration(proxyBeanMethods = false)
class LoginThrottleConfig {

	static final String USER = "user:";
	static final String CLIENT = "client:";

	@Bean
	LoginThrottle loginThrottle(LoginThrottleSettings settings) {
		return new LoginThrottle(settings, Clock.systemUTC());
	}

	@Bean
	LoginThrottleEvents loginThrottleEvents(LoginThrottle throttle) {
		return new LoginThrottleEvents(throttle);
	}

	/** Counts what was tried with a password; bearer tokens are not logins. */
	static final class LoginThrottleEvents {

		private final LoginThrottle throttle;

		LoginThrottleEvents(LoginThrottle throttle) {
			this.throttle = throttle;
		}

		@EventListener
		void failed(AuthenticationFailureBadCredentialsEvent event) {
			String account = account(event.getAuthentication());
			// an attempt refused for a lock was not a guess: it does not lengthen the lock
			if (account != null && !LoginThrottle.refusedForLock()) {
				throttle.failed(account, LoginThrottle.currentAddress());
			}
		}

		@EventListener
		void succeeded(AuthenticationSuccessEvent event) {
			throttle.succeeded(account(event.getAuthentication()));
		}

		private static String account(Object authentication) {
			if (authentication instanceof UsernamePasswordAuthenticationToken login && login.getName() != null) {
				return USER + login.getName();
			}
			return null;
		}
	}
}

package org.fibroplan.security.internal;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The demo users as Spring Security sees them, locked while {@link LoginThrottle} says so: the standard
 * check then refuses the login before the password is even compared (LockedException: the login page
 * says the account is locked, HTTP Basic answers 429).
 */
final class ThrottledUsers implements UserDetailsService {

	private final UserDetailsService users;
	private final LoginThrottle throttle;

	ThrottledUsers(UserDetailsService users, LoginThrottle throttle) {
		this.users = users;
		this.throttle = throttle;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		UserDetails user = users.loadUserByUsername(username);
		return throttle.lockedFor(LoginThrottleConfig.USER + username, LoginThrottle.currentAddress())
				.map(wait -> {
					LoginThrottle.remember(wait);
					return User.withUserDetails(user).accountLocked(true).build();
				})
				.orElse(user);
	}
}

package org.fibroplan.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/** HTTP Basic's answers: 429 with Retry-After while the login is locked, else the usual 401 challenge. */
final class LockedLoginEntryPoint implements AuthenticationEntryPoint {

	private final BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();

	LockedLoginEntryPoint() {
		basic.setRealmName("FibroPlan");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason) throws IOException {
		if (reason instanceof LockedException && request.getAttribute(LoginThrottle.RETRY_AFTER) instanceof Duration wait) {
			response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds() + 1)));
			response.sendError(429, "Too many failed logins: try again later");
			return;
		}
		basic.commence(request, response, reason);
	}
}

package org.fibroplan.security.internal;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The scheme, host and port the current request came to: the embedded issuer as clients see it. */
final class RequestBase {

	private RequestBase() {}

	static String current() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().replaceQuery(null).build().toUriString();
	}
}

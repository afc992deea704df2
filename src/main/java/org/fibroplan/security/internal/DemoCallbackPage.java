package org.fibroplan.security.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Where the demo apps' authorization ends (http://localhost:8080/callback): shows the authorization
 * code, so someone trying the flow by hand can exchange it at the token endpoint.
 */
@RestController
@ConditionalOnProperty(name = "fibroplan.security.embedded.enabled", havingValue = "true", matchIfMissing = true)
class DemoCallbackPage {

	@GetMapping(path = "/callback", produces = MediaType.TEXT_HTML_VALUE)
	String callback(
			@RequestParam(required = false) String code,
			@RequestParam(required = false) String state,
			@RequestParam(required = false) String error,
			@RequestParam(name = "error_description", required = false) String errorDescription) {
		if (error != null) {
			return page("Authorization refused", "<p>" + HtmlUtils.htmlEscape(error) + ": "
					+ HtmlUtils.htmlEscape(String.valueOf(errorDescription)) + "</p>");
		}
		return page("Authorization code", "<p>code: <code>" + HtmlUtils.htmlEscape(String.valueOf(code)) + "</code></p>"
				+ "<p>state: <code>" + HtmlUtils.htmlEscape(String.valueOf(state)) + "</code></p>"
				+ "<p>Exchange it within 5 minutes: POST /oauth2/token with grant_type=authorization_code, this code, "
				+ "redirect_uri, client_id and your code_verifier (see the README).</p>");
	}

	private static String page(String title, String body) {
		return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + " - FibroPlan</title></head>"
				+ "<body><h1>" + title + "</h1>" + body + "</body></html>";
	}
}

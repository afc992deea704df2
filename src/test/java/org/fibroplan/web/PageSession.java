package org.fibroplan.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a browser: signs in to the pages over HTTP through the real OAuth2 login (the pages'
 * redirect to the identity provider, its login form, the code back to the pages) and fetches pages with
 * the session it got. Every answer on the way is kept, so tests can look at headers as well.
 */
public final class PageSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String base;
	private final CookieManager cookies = new CookieManager();
	private final HttpClient http;
	/** The login page as the identity provider served it (for its headers). */
	HttpResponse<String> loginPage;
	/** The answer to posting the login form. */
	HttpResponse<String> loginAnswer;

	public PageSession(int port) {
		this.base = "http://localhost:" + port;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	CookieManager cookies() {
		return cookies;
	}

	/** Opens the page, signs in where it sends us, and returns the page once signed in. */
	public HttpResponse<String> signInAndOpen(String path, String username, String password) {
		HttpResponse<String> response = get(base + path);
		// until the identity provider's login page (the authorize URL names /login/oauth2/code/... in a parameter)
		while (isRedirect(response) && !"/login".equals(URI.create(location(response)).getPath())) {
			response = get(location(response));
		}
		loginPage = get(location(response));
		Matcher csrf = CSRF.matcher(loginPage.body());
		if (!csrf.find()) {
			throw new IllegalStateException("No login form at " + location(response) + ": " + loginPage.body());
		}
		loginAnswer = send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + encode(username) + "&password=" + encode(password)
						+ "&_csrf=" + encode(csrf.group(1)))));
		response = loginAnswer;
		for (int hops = 0; isRedirect(response) && hops < 10; hops++) {
			response = get(location(response));
		}
		return response;
	}

	public HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url.startsWith("/") ? base + url : url)).header("Accept", "text/html").GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private static boolean isRedirect(HttpResponse<?> response) {
		return response.statusCode() / 100 == 3;
	}

	private String location(HttpResponse<?> response) {
		String location = response.headers().firstValue("Location")
				.orElseThrow(() -> new IllegalStateException("Expected a redirect, got " + response.statusCode()));
		return location.startsWith("/") ? base + location : location;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}

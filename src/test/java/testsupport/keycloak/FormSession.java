package testsupport.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted browser without a browser: follows no redirect by itself, keeps cookies, and signs in on
 * Keycloak's login page. Keycloak marks its login cookies Secure, which Java's cookie store withholds
 * from plain-http localhost (browsers treat localhost as secure), so the cookies are kept here by hand.
 */
final class FormSession {

	private static final Pattern LOGIN_FORM = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*>");
	private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
	private final Map<String, String> cookies = new LinkedHashMap<>();

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
	}

	HttpResponse<String> post(String url, Map<String, String> form) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(form))));
	}

	/** Opens Keycloak's authorization URL, signs in on its form, and returns where Keycloak sends the browser next. */
	String signIn(String authorizationUrl, String username, String password) {
		HttpResponse<String> loginPage = get(authorizationUrl);
		Matcher loginForm = LOGIN_FORM.matcher(loginPage.body());
		Matcher action = ACTION.matcher(loginForm.find() ? loginForm.group() : "");
		if (!action.find()) {
			throw new IllegalStateException("No login form from Keycloak: " + loginPage.statusCode() + " " + loginPage.body());
		}
		HttpResponse<String> signedIn = post(action.group(1).replace("&amp;", "&"), Map.of("username", username, "password", password));
		return location(signedIn);
	}

	static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
				"Expected a redirect from " + response.uri() + ", got " + response.statusCode() + ": " + response.body()));
	}

	static String form(Map<String, String> parameters) {
		return new LinkedHashMap<>(parameters).entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")));
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			for (String set : response.headers().allValues("Set-Cookie")) {
				String pair = set.split(";", 2)[0];
				int eq = pair.indexOf('=');
				cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
			}
			return response;
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

package org.fibroplan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gets tokens from the embedded authorization server the way real clients do, over HTTP: client
 * credentials for the system client, and authorization code + PKCE with the login form for apps
 * (scripted, no browser).
 */
public final class Tokens {

	public static final String PATIENT_APP_SCOPES =
			"openid fhirUser launch/patient patient/*.rs patient/QuestionnaireResponse.c patient/Observation.c";
	public static final String CLINICIAN_APP_SCOPES = "openid fhirUser user/*.cruds";

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private Tokens() {}

	public static String base(int port) {
		return "http://localhost:" + port;
	}

	/** client_credentials with client_secret_basic; returns the token response. */
	public static JsonNode clientCredentials(int port, String clientId, String secret, String scope) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return tokenRequest(port, Map.of("grant_type", "client_credentials", "scope", scope), "Basic " + basic);
	}

	public static String systemToken(int port) {
		return clientCredentials(port, "demo-system", "demo-secret", "system/*.cruds").path("access_token").asText();
	}

	/** The system client with the explicit scope that lets it write AuditEvents (for setting up fixtures). */
	public static String systemTokenThatMayWriteAudit(int port) {
		return clientCredentials(port, "demo-system", "demo-secret", "system/*.cruds system/AuditEvent.cruds")
				.path("access_token").asText();
	}

	/** client_credentials where the client proves itself with a signed assertion (private_key_jwt). */
	public static JsonNode clientAssertion(int port, String assertion, String scope) {
		return tokenRequest(port, Map.of(
				"grant_type", "client_credentials",
				"scope", scope,
				"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
				"client_assertion", assertion), null);
	}

	/** Authorization code + PKCE (S256) for a public app, logging in through the form as a user would. */
	public static JsonNode authorizationCode(int port, String clientId, String scope, String username, String password) {
		return authorizationCode(port, port, port, clientId, scope, username, password);
	}

	/**
	 * The same, with the sign-in form posted to {@code loginPort} and the code exchanged at {@code tokenPort}:
	 * one login spread over instances behind a load balancer.
	 */
	public static JsonNode authorizationCode(int port, int loginPort, int tokenPort, String clientId, String scope, String username, String password) {
		return authorizationCode(port, loginPort, tokenPort, clientId, scope, username, password, Map.of());
	}

	/**
	 * The same with more authorization request parameters (an EHR launch's {@code launch}). A refusal sent
	 * back to the app, before or after the login, is thrown as "The authorization server refused: <redirect>".
	 */
	public static JsonNode authorizationCode(int port, String clientId, String scope, String username, String password,
			Map<String, String> extraParameters) {
		return authorizationCode(port, port, port, clientId, scope, username, password, extraParameters);
	}

	private static JsonNode authorizationCode(int port, int loginPort, int tokenPort, String clientId, String scope, String username,
			String password, Map<String, String> extraParameters) {
		try {
			HttpClient browser = HttpClient.newBuilder()
					.cookieHandler(new CookieManager())
					.followRedirects(HttpClient.Redirect.NEVER)
					.build();
			String verifier = randomUrlSafe(48);
			String challenge = Base64.getUrlEncoder().withoutPadding()
					.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
			String redirectUri = "http://127.0.0.1:9/callback";
			String state = randomUrlSafe(12);
			Map<String, String> parameters = new LinkedHashMap<>(Map.of(
					"response_type", "code", "client_id", clientId, "redirect_uri", redirectUri, "scope", scope,
					"state", state, "code_challenge", challenge, "code_challenge_method", "S256",
					"aud", base(port) + "/fhir"));
			parameters.putAll(extraParameters);
			String authorize = base(port) + "/oauth2/authorize?" + form(parameters);

			HttpResponse<String> toLogin = get(browser, authorize);
			if (location(toLogin, port).startsWith(redirectUri)) {
				throw new IllegalStateException("The authorization server refused: " + location(toLogin, port));
			}
			String loginPage = get(browser, location(toLogin, port)).body();
			Matcher csrf = CSRF.matcher(loginPage);
			if (!csrf.find()) {
				throw new IllegalStateException("No CSRF token on the login page: " + loginPage);
			}
			HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(URI.create(base(loginPort) + "/login"))
							.header("Content-Type", "application/x-www-form-urlencoded")
							.POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
									"username", username, "password", password, "_csrf", csrf.group(1)))))
							.build(),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> toApp = get(browser, location(loggedIn, loginPort));
			String callback = location(toApp, port);
			if (!callback.startsWith(redirectUri)) {
				throw new IllegalStateException("Expected a redirect to the app, got " + toApp.statusCode() + " " + callback
						+ " " + toApp.body());
			}
			Map<String, String> query = parseQuery(URI.create(callback).getRawQuery());
			if (query.containsKey("error")) {
				throw new IllegalStateException("The authorization server refused: " + callback);
			}
			if (!state.equals(query.get("state"))) {
				throw new IllegalStateException("State mismatch in " + callback);
			}
			return tokenRequest(tokenPort, Map.of(
					"grant_type", "authorization_code", "code", query.get("code"), "redirect_uri", redirectUri,
					"client_id", clientId, "code_verifier", verifier), null);
		} catch (IOException | InterruptedException | java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String patientToken(int port, String username) {
		return authorizationCode(port, "demo-patient-app", PATIENT_APP_SCOPES, username, username)
				.path("access_token").asText();
	}

	public static String clinicianToken(int port) {
		return authorizationCode(port, "demo-clinician-app", CLINICIAN_APP_SCOPES, "clinician", "clinician")
				.path("access_token").asText();
	}

	/** A knowledge author (a clinician who may also write definitions), through the clinician app. */
	public static String authorToken(int port) {
		return authorizationCode(port, "demo-clinician-app", CLINICIAN_APP_SCOPES, "author", "author")
				.path("access_token").asText();
	}

	private static JsonNode tokenRequest(int port, Map<String, String> parameters, String authorization) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(port) + "/oauth2/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form(parameters)));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode body = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
			((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_status", response.statusCode());
			return body;
		} catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String location(HttpResponse<String> response, int port) {
		String location = response.headers().firstValue("Location")
				.orElseThrow(() -> new IllegalStateException("Expected a redirect, got " + response.statusCode() + ": " + response.body()));
		return location.startsWith("/") ? base(port) + location : location;
	}

	private static String form(Map<String, String> parameters) {
		return new LinkedHashMap<>(parameters).entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
	}

	private static Map<String, String> parseQuery(String query) {
		Map<String, String> result = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			result.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return result;
	}

	private static String randomUrlSafe(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}
}

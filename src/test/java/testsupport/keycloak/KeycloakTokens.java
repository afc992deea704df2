package testsupport.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens from the test Keycloak, got as real clients get them: client credentials, and authorization
 * code + PKCE through Keycloak's own login form (fetched and posted over HTTP, no browser).
 */
public final class KeycloakTokens {

	public static final String PATIENT_APP_SCOPES =
			"openid fhirUser launch/patient patient/*.rs patient/QuestionnaireResponse.c patient/Observation.c";
	public static final String CLINICIAN_APP_SCOPES = "openid fhirUser user/*.cruds";

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String REDIRECT_URI = "http://localhost:8080/callback";

	private KeycloakTokens() {}

	public static JsonNode clientCredentials(String clientId, String secret) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return tokenRequest(Map.of("grant_type", "client_credentials"), "Basic " + basic);
	}

	public static String systemToken() {
		return clientCredentials("demo-system", "demo-secret").path("access_token").asText();
	}

	public static String patientToken() {
		return authorizationCode("demo-patient-app", PATIENT_APP_SCOPES, "patient", "patient").path("access_token").asText();
	}

	public static String clinicianToken(String username) {
		return authorizationCode("demo-clinician-app", CLINICIAN_APP_SCOPES, username, username).path("access_token").asText();
	}

	/** Authorization code + PKCE (S256) for a public app, signing in on Keycloak's login page. */
	public static JsonNode authorizationCode(String clientId, String scope, String username, String password) {
		try {
			String verifier = randomUrlSafe(48);
			String challenge = Base64.getUrlEncoder().withoutPadding()
					.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
			String state = randomUrlSafe(12);
			String callback = new FormSession().signIn(endpoint("auth") + "?" + FormSession.form(Map.of(
					"response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT_URI, "scope", scope, "state", state,
					"code_challenge", challenge, "code_challenge_method", "S256")), username, password);
			Map<String, String> query = parseQuery(URI.create(callback).getRawQuery());
			if (!callback.startsWith(REDIRECT_URI) || query.containsKey("error") || !state.equals(query.get("state"))) {
				throw new IllegalStateException("Keycloak refused or redirected elsewhere: " + callback);
			}
			return tokenRequest(Map.of("grant_type", "authorization_code", "code", query.get("code"), "redirect_uri", REDIRECT_URI,
					"client_id", clientId, "code_verifier", verifier), null);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static JsonNode tokenRequest(Map<String, String> parameters, String authorization) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint("token")))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(FormSession.form(parameters)));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Keycloak's token endpoint said " + response.statusCode() + ": " + response.body());
			}
			return JSON.readTree(response.body());
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** The claims of a JWT, read without checking it (the server under test does the checking). */
	public static JsonNode claims(String jwt) {
		try {
			return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String endpoint(String name) {
		return Keycloak.realmUrl() + "/protocol/openid-connect/" + name;
	}

	private static Map<String, String> parseQuery(String query) {
		Map<String, String> result = new LinkedHashMap<>();
		for (String pair : query == null ? new String[0] : query.split("&")) {
			int eq = pair.indexOf('=');
			result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return result;
	}

	private static String randomUrlSafe(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}
}

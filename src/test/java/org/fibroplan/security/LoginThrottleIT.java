package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Guessing passwords: after five wrong ones an account is locked, even for the right password, while
 * other accounts carry on; the lock ends (2 s in the test profile, 1 min by default) and grows with the
 * next failure; a success clears the count. The same for a confidential client's secret.
 */
class LoginThrottleIT extends FhirIntegrationTest {

	/** A user of its own (application-test.yml), so no other test meets its lock. */
	private static final String USER = "patient-locked";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void fiveWrongPasswordsLockTheAccountNotOthersUntilTheLockEnds() throws Exception {
		assertThat(basic(USER, USER).statusCode()).as("right password, not an operator").isEqualTo(403);
		for (int i = 0; i < 5; i++) {
			assertThat(basic(USER, "wrong-" + i).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> locked = basic(USER, USER);
		assertThat(locked.statusCode()).as("locked: the right password is refused too").isEqualTo(429);
		assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 3L));
		assertThat(basic("operator", "operator").statusCode()).as("another account is unaffected").isEqualTo(200);

		// the login form says so too
		HttpResponse<String> loginPage = loginFormAnswer(USER, USER);
		assertThat(loginPage.body()).contains("locked");

		Thread.sleep(2_500);
		assertThat(basic(USER, "wrong-again").statusCode()).as("the lock is over; one more wrong password...").isEqualTo(401);
		assertThat(basic(USER, USER).statusCode()).as("...locks it again, now for longer").isEqualTo(429);
		assertThat(basic(USER, USER).headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(3L, 5L));
		Thread.sleep(4_500);
		assertThat(basic(USER, USER).statusCode()).as("after the lock the right password works, and clears the count").isEqualTo(403);
		for (int i = 0; i < 4; i++) {
			assertThat(basic(USER, "wrong-" + i).statusCode()).isEqualTo(401);
		}
		assertThat(basic(USER, USER).statusCode()).as("four failures after a success do not lock").isEqualTo(403);
	}

	@Test
	void fiveWrongClientSecretsLockTheClientForAWhile() throws Exception {
		assertThat(Tokens.clientCredentials(port(), "demo-system", "demo-secret", "system/*.rs").path("_status").asInt()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			assertThat(Tokens.clientCredentials(port(), "demo-system", "wrong-" + i, "system/*.rs").path("_status").asInt()).isEqualTo(401);
		}
		assertThat(Tokens.clientCredentials(port(), "demo-system", "demo-secret", "system/*.rs").path("_status").asInt())
				.as("locked: the right secret is refused too").isEqualTo(401);
		assertThat(Tokens.authorizationCode(port(), "demo-clinician-app", Tokens.CLINICIAN_APP_SCOPES, "clinician", "clinician")
				.path("_status").asInt()).as("other clients are unaffected").isEqualTo(200);
		Thread.sleep(2_500);
		assertThat(Tokens.clientCredentials(port(), "demo-system", "demo-secret", "system/*.rs").path("_status").asInt())
				.as("after the lock").isEqualTo(200);
	}

	private HttpResponse<String> basic(String user, String password) throws Exception {
		String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + "/actuator/metrics"))
				.header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts the login form and follows the answer to the page it leads to. */
	private HttpResponse<String> loginFormAnswer(String user, String password) throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
				.followRedirects(HttpClient.Redirect.NORMAL).build();
		String form = browser.send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		var csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
		assertThat(csrf.find()).isTrue();
		return browser.send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf=" + csrf.group(1)))
				.build(), HttpResponse.BodyHandlers.ofString());
	}
}

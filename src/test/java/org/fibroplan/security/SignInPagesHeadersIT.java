package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.junit.jupiter.api.Test;

/** The sign-in pages carry a Content-Security-Policy, and the session cookie is SameSite=Lax and HttpOnly. */
class SignInPagesHeadersIT extends FhirIntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void loginCallbackAndTheAuthorizationServerSendAContentSecurityPolicy() throws Exception {
		for (String path : List.of("/login", "/callback?code=x&state=y",
				"/oauth2/authorize?response_type=code&client_id=demo-patient-app&redirect_uri=http://127.0.0.1:9/callback&scope=openid")) {
			HttpResponse<String> page = get(path);
			assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
					.hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"));
		}
	}

	@Test
	void theSessionCookieIsSameSiteLaxAndHttpOnly() throws Exception {
		// SESSION: Spring Session's cookie (the session lives in the database), with the same attributes Tomcat's had
		HttpResponse<String> login = get("/login");
		List<String> cookies = login.headers().allValues("Set-Cookie");
		assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("SESSION=").contains("SameSite=Lax").contains("HttpOnly"));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}
}

package org.fibroplan.security.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fibroplan.security.SecurityProperties;
import org.springframework.web.client.RestClient;

/**
 * {@code GET /fhir/.well-known/smart-configuration} (SMART App Launch 2.2): where to authorize and get
 * tokens, and what this server supports. With the embedded server the endpoints are its own; with an
 * external issuer they come from that issuer's OpenID discovery document.
 */
class SmartConfigurationServlet extends HttpServlet {

	static final String PATH = "/fhir/.well-known/smart-configuration";

	private static final List<String> CAPABILITIES = List.of(
			"launch-standalone", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
			"context-standalone-patient", "sso-openid-connect", "permission-patient", "permission-user",
			"permission-v1", "permission-v2");

	private final transient SecurityProperties properties;
	private final String externalIssuer;
	private final transient ObjectMapper json = new ObjectMapper();
	private transient volatile Map<String, Object> externalDiscovery;

	SmartConfigurationServlet(SecurityProperties properties, String externalIssuer) {
		this.properties = properties;
		this.externalIssuer = externalIssuer;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setContentType("application/json");
		response.setHeader("Cache-Control", "max-age=300");
		json.writeValue(response.getOutputStream(), properties.embedded().enabled() ? embedded() : external());
	}

	private Map<String, Object> embedded() {
		String issuer = properties.issuer().isBlank() ? RequestBase.current() : properties.issuer();
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("issuer", issuer);
		config.put("jwks_uri", issuer + "/oauth2/jwks");
		config.put("authorization_endpoint", issuer + "/oauth2/authorize");
		config.put("token_endpoint", issuer + "/oauth2/token");
		config.put("userinfo_endpoint", issuer + "/userinfo");
		config.put("introspection_endpoint", issuer + "/oauth2/introspect");
		config.put("revocation_endpoint", issuer + "/oauth2/revoke");
		config.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
		config.put("response_types_supported", List.of("code"));
		config.put("token_endpoint_auth_methods_supported",
				List.of("client_secret_basic", "client_secret_post", "private_key_jwt"));
		config.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
		Set<String> scopes = new LinkedHashSet<>(EmbeddedAuthorizationServerConfig.PATIENT_APP_SCOPES);
		scopes.addAll(EmbeddedAuthorizationServerConfig.CLINICIAN_APP_SCOPES);
		scopes.addAll(EmbeddedAuthorizationServerConfig.SYSTEM_SCOPES);
		scopes.add(EhrLaunchRequests.LAUNCH);
		config.put("scopes_supported", List.copyOf(scopes));
		// the embedded server issues and resolves EHR launches (SmartLaunches); an external issuer would its own
		List<String> capabilities = new java.util.ArrayList<>(CAPABILITIES);
		capabilities.addAll(List.of("launch-ehr", "context-ehr-patient"));
		config.put("capabilities", capabilities);
		config.put("code_challenge_methods_supported", List.of("S256"));
		return config;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> external() {
		if (externalDiscovery == null) {
			externalDiscovery = RestClient.create()
					.get()
					.uri(externalIssuer.replaceAll("/$", "") + "/.well-known/openid-configuration")
					.retrieve()
					.body(Map.class);
		}
		Map<String, Object> config = new LinkedHashMap<>();
		for (String key : List.of("issuer", "jwks_uri", "authorization_endpoint", "token_endpoint", "userinfo_endpoint",
				"introspection_endpoint", "revocation_endpoint", "grant_types_supported", "response_types_supported",
				"token_endpoint_auth_methods_supported", "token_endpoint_auth_signing_alg_values_supported",
				"scopes_supported")) {
			if (externalDiscovery.containsKey(key)) {
				config.put(key, externalDiscovery.get(key));
			}
		}
		config.put("capabilities", CAPABILITIES);
		// SMART forbids "plain", whatever else the issuer offers
		config.put("code_challenge_methods_supported", List.of("S256"));
		return config;
	}
}

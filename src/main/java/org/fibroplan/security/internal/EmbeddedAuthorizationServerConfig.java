package org.fibroplan.security.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.fibroplan.security.SecurityProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The embedded authorization server (Spring Authorization Server), on unless
 * {@code fibroplan.security.embedded.enabled=false} (the prod profile): the demo clients and users of
 * the contract, SMART-style tokens ({@code patient}, {@code fhirUser}, audience = the FHIR base).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fibroplan.security.embedded.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedAuthorizationServerConfig {

	static final String SYSTEM_CLIENT = "demo-system";
	/** Operators read the actuator beyond health and info; they are neither patients nor practitioners. */
	static final String OPERATOR_ROLE = "OPERATOR";
	static final String PATIENT_APP = "demo-patient-app";
	static final String CLINICIAN_APP = "demo-clinician-app";
	/** FibroPlan's own web pages (/app): a confidential client of this server, like any other web app. */
	static final String WEB_CLIENT = "fibroplan-web";
	/** Every client's access tokens: short enough that revoking a session or refresh token bites within minutes. */
	static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(5);
	static final List<String> PATIENT_APP_SCOPES = List.of(
			OidcScopes.OPENID, "fhirUser", "launch/patient", "patient/*.rs",
			"patient/QuestionnaireResponse.c", "patient/Observation.c");
	/** {@code launch}: clinician apps may be opened from an EHR for a patient (SMART EHR launch, SmartLaunches). */
	static final List<String> CLINICIAN_APP_SCOPES = List.of(OidcScopes.OPENID, "fhirUser", EhrLaunchRequests.LAUNCH, "user/*.cruds");
	/** The explicit AuditEvent scope is only for importing audit trails; wildcards never write audit records. */
	static final List<String> SYSTEM_SCOPES = List.of("system/*.cruds", "system/*.*", "system/AuditEvent.cruds");

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerFilterChain(
			HttpSecurity http, SmartTokenResponse tokenResponse, ClientAssertionKeys clientAssertionKeys,
			SecurityProperties properties, LoginThrottle throttle, LaunchContexts launches) throws Exception {
		var userKindScopes = ScopesForUserKind.patients(properties).andThen(ScopesForUserKind.operators(properties))
				.andThen(new EhrLaunchRequests(launches));
		ClientSecretAttempts clientSecretAttempts = new ClientSecretAttempts(throttle);
		OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
		http.securityMatcher(server.getEndpointsMatcher())
				.with(server, as -> as
						.oidc(Customizer.withDefaults())
						.tokenEndpoint(token -> token
								.accessTokenResponseHandler(tokenResponse)
								.authenticationProviders(providers -> providers.stream()
										.filter(OAuth2ClientCredentialsAuthenticationProvider.class::isInstance)
										.map(OAuth2ClientCredentialsAuthenticationProvider.class::cast)
										.forEach(p -> p.setAuthenticationValidator(SmartScopeRequests.CLIENT_CREDENTIALS))))
						.authorizationEndpoint(authorize -> authorize.authenticationProviders(providers -> providers.stream()
								.filter(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::isInstance)
								.map(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::cast)
								.forEach(p -> p.setAuthenticationValidator(LoopbackRedirectUris.VALIDATOR.andThen(userKindScopes)))))
						.clientAuthentication(clients -> clients
								.authenticationConverter(new BackendServicesClientAssertion())
								.authenticationSuccessHandler(clientSecretAttempts)
								.errorResponseHandler(clientSecretAttempts)
								.authenticationProviders(providers -> providers.stream()
								.filter(JwtClientAssertionAuthenticationProvider.class::isInstance)
								.map(JwtClientAssertionAuthenticationProvider.class::cast)
								.forEach(p -> p.setJwtDecoderFactory(clientAssertionKeys)))))
				.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
				.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(ResourceServerConfig.SIGN_IN_PAGES_CSP)))
				.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
						new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
				.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
		return http.build();
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(SecurityProperties properties) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		if (!properties.issuer().isBlank()) {
			settings.issuer(properties.issuer());
		}
		return settings.build();
	}

	/**
	 * The codes and tokens issued, in the database: a sign-in begun on one instance finishes on another, and
	 * any instance takes a refresh token another issued. Clients are keyed by their client id (the same on
	 * every instance), not a random id.
	 */
	@Bean
	OAuth2AuthorizationService authorizations(DataSource dataSource, RegisteredClientRepository clients) {
		SharedSessionTables.createIfMissing(dataSource);
		return new JdbcOAuth2AuthorizationService(new JdbcTemplate(dataSource), clients);
	}

	@Bean
	ExpiredAuthorizations expiredAuthorizations(DataSource dataSource) {
		return new ExpiredAuthorizations(dataSource);
	}

	@Bean
	RegisteredClientRepository registeredClients(SecurityProperties properties, PasswordEncoder passwords, LoginThrottle throttle) {
		RegisteredClient system = RegisteredClient.withId(SYSTEM_CLIENT)
				.clientId(SYSTEM_CLIENT)
				.clientSecret(passwords.encode(properties.embedded().systemClientSecret()))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scopes(s -> s.addAll(SYSTEM_SCOPES))
				.clientSettings(ClientSettings.builder()
						.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384)
						.build())
				// SMART Backend Services: access tokens SHOULD live at most 300 s
				.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build())
				.build();
		return new ThrottledClients(new InMemoryRegisteredClientRepository(system, publicApp(PATIENT_APP, PATIENT_APP_SCOPES),
				publicApp(CLINICIAN_APP, CLINICIAN_APP_SCOPES), webClient(properties, passwords)), throttle);
	}

	/** The workspace asks for clinician scopes, the patient page for patient scopes; users get only their own kind. */
	private static RegisteredClient webClient(SecurityProperties properties, PasswordEncoder passwords) {
		return RegisteredClient.withId(WEB_CLIENT)
				.clientId(WEB_CLIENT)
				.clientSecret(passwords.encode(properties.embedded().webClientSecret()))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
				.redirectUri("http://localhost:8080/login/oauth2/code/clinician")
				.redirectUri("http://localhost:8080/login/oauth2/code/patient")
				.redirectUri("http://localhost:8080/login/oauth2/code/ehr-launch")
				.scopes(s -> {
					s.addAll(CLINICIAN_APP_SCOPES);
					s.addAll(PATIENT_APP_SCOPES);
				})
				.clientSettings(ClientSettings.builder().requireProofKey(false).requireAuthorizationConsent(false).build())
				.tokenSettings(TokenSettings.builder()
						.accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
						.refreshTokenTimeToLive(Duration.ofHours(8))
						.reuseRefreshTokens(false)
						.build())
				.build();
	}

	private static RegisteredClient publicApp(String clientId, List<String> scopes) {
		return RegisteredClient.withId(clientId)
				.clientId(clientId)
				.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("http://localhost:8080/callback")
				.redirectUri("http://127.0.0.1:8080/callback")
				.scopes(s -> s.addAll(scopes))
				.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
				// public clients get no refresh token from this server: they sign in again after 5 minutes
				.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build())
				.build();
	}

	@Bean
	UserDetailsService demoUsers(SecurityProperties properties, PasswordEncoder passwords, LoginThrottle throttle) {
		return new ThrottledUsers(new InMemoryUserDetailsManager(properties.embedded().users().stream()
				.map(u -> User.withUsername(u.username())
						.password(passwords.encode(u.password()))
						.roles(u.isPatient() ? "PATIENT" : u.isOperator() ? OPERATOR_ROLE : "CLINICIAN")
						.build())
				.toList()), throttle);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** The token signing key: the shared one configured (fibroplan.security.signing-key), else one made at start. */
	@Bean
	JWKSource<SecurityContext> jwkSource(SecurityProperties properties, ResourceLoader resources) {
		return new ImmutableJWKSet<>(new JWKSet(SigningKeys.of(properties.signingKey(), resources)));
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> smartClaims(SecurityProperties properties, LaunchContexts launches) {
		return new SmartTokenClaims(properties, launches);
	}

	/** EHR launches, in the shared database like the authorizations they lead to. */
	@Bean
	LaunchContexts smartLaunches(DataSource dataSource) {
		return new LaunchContexts(dataSource, java.time.Clock.systemUTC());
	}

	@Bean
	SmartTokenResponse smartTokenResponse() {
		return new SmartTokenResponse();
	}

	@Bean
	ClientAssertionKeys clientAssertionKeys(SecurityProperties properties, ResourceLoader resources) {
		return new ClientAssertionKeys(SYSTEM_CLIENT, resources.getResource(properties.embedded().systemClientJwks()));
	}
}

package org.fibroplan.security.internal;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.fibroplan.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * FibroPlan as an OAuth2 resource server: every /fhir call but the capability statement and the SMART
 * configuration needs a valid bearer token from the trusted issuer for the FHIR audience.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ResourceServerConfig {

	/**
	 * The sign-in pages (/login, /callback, the authorization server's answers): own resources only, the
	 * login form's inline style, no framing. No form-action: the login's redirects go on to the app's
	 * own redirect URI, which browsers would check against it.
	 */
	static final String SIGN_IN_PAGES_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	@Bean
	@Order(2)
	SecurityFilterChain fhirApiFilterChain(HttpSecurity http, OperationOutcomeErrors errors) throws Exception {
		// Path matchers, not MVC ones: /fhir belongs to HAPI's servlet, not Spring MVC's.
		http.securityMatcher(new AntPathRequestMatcher("/fhir/**"))
				.authorizeHttpRequests(authorize -> authorize
						.requestMatchers(
								new AntPathRequestMatcher("/fhir/metadata", HttpMethod.GET.name()),
								new AntPathRequestMatcher(SmartConfigurationServlet.PATH, HttpMethod.GET.name()))
						.permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(resourceServer -> resourceServer
						.jwt(Customizer.withDefaults())
						.authenticationEntryPoint(errors)
						.accessDeniedHandler(errors)
						.withObjectPostProcessor(answerUncheckableTokens(errors)))
				.exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
				.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				// bearer tokens, no cookies: no cross-site request forgery to defend against here
				.csrf(csrf -> csrf.disable());
		return http.build();
	}

	/**
	 * A token that cannot be checked (the external issuer out of reach) gets an OperationOutcome too, not
	 * the servlet container's error page: Spring would rethrow that failure rather than answer it.
	 */
	private static ObjectPostProcessor<BearerTokenAuthenticationFilter> answerUncheckableTokens(OperationOutcomeErrors errors) {
		return new ObjectPostProcessor<>() {
			@Override
			public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
				AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(errors);
				failures.setRethrowAuthenticationServiceException(false);
				filter.setAuthenticationFailureHandler(failures);
				return filter;
			}
		};
	}

	/** Last: the web pages' own chain (module web) and the authorization server's come first. */
	@Bean
	@Order(10)
	SecurityFilterChain defaultFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(authorize -> authorize
						.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/callback", "/error", "/login",
								"/webjars/**", "/css/**", "/js/**", "/favicon.ico").permitAll()
						// metrics and the rest of the actuator tell an attacker how the server runs: operators only
						.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(EmbeddedAuthorizationServerConfig.OPERATOR_ROLE)
						.anyRequest().authenticated())
				.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(SIGN_IN_PAGES_CSP)))
				// FibroPlan's own form (LoginPage), posted to /login as Spring's default one was
				.formLogin(form -> form.loginPage("/login").permitAll())
				// scripts (benchmarks, operators) read actuator metrics with the operator's password
				.httpBasic(basic -> basic.authenticationEntryPoint(new LockedLoginEntryPoint()));
		return http.build();
	}

	/**
	 * Tokens of the embedded server are checked against its own keys (no HTTP round trip); otherwise
	 * against the external issuer's published keys, found from its discovery document on the first token
	 * (not at start: FibroPlan starts, and says so on its health page, while the identity provider is still
	 * starting or briefly away; until it answers, calls with a token get 503 and the next one tries again).
	 */
	@Bean
	JwtDecoder jwtDecoder(
			SecurityProperties properties,
			ObjectProvider<JWKSource<SecurityContext>> embeddedKeys,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String externalIssuer) {
		if (properties.embedded().enabled()) {
			NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(embeddedKeys.getObject());
			decoder.setJwtValidator(validator(properties.issuer(), properties));
			return decoder;
		}
		if (externalIssuer.isBlank()) {
			throw new IllegalStateException("The embedded authorization server is off (fibroplan.security.embedded.enabled=false, "
					+ "as in the prod profile) and no external issuer is configured: set "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri to the authorization server FibroPlan should trust.");
		}
		JwtDecoder external = new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(externalIssuer);
			decoder.setJwtValidator(validator(externalIssuer, properties));
			return decoder;
		});
		return token -> {
			try {
				return external.decode(token);
			} catch (JwtDecoderInitializationException unreachable) {
				// a JwtException that is not a BadJwtException: "could not check", answered 503 (OperationOutcomeErrors)
				throw new JwtException("The issuer " + externalIssuer + " cannot be reached: " + unreachable.getMessage(), unreachable);
			}
		};
	}

	private static OAuth2TokenValidator<Jwt> validator(String trustedIssuer, SecurityProperties properties) {
		return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new IssuerAndAudienceValidator(trustedIssuer, properties));
	}
}

package org.fibroplan.web.internal;

import java.util.LinkedHashMap;
import org.fibroplan.security.SecurityProperties;
import org.fibroplan.web.internal.launch.EhrLaunchSignIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The pages' own security: an OAuth2 login against the configured identity provider (the embedded one
 * by default) — the workspace with the "clinician" registration, the patient page with "patient" — and
 * a session that keeps the user's tokens. The pages call the FHIR API with those tokens.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

	private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebSecurityConfig.class);

	private static final RequestMatcher PATIENT_PAGES = new OrRequestMatcher(
			new AntPathRequestMatcher("/app/patient"), new AntPathRequestMatcher("/app/patient/**"));
	/** The SMART launch URL is where an EHR sends a user who may not be signed in yet: it starts the sign-in. */
	private static final RequestMatcher PUBLIC_PAGES = new OrRequestMatcher(
			new AntPathRequestMatcher("/app/welcome"), new AntPathRequestMatcher("/app/print.css"),
			new AntPathRequestMatcher("/app/smart/launch", HttpMethod.GET.name()));

	/** Before the catch-all form-login chain; after the authorization server's and the FHIR API's. */
	@Bean
	@Order(5)
	SecurityFilterChain webPagesFilterChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> registrations,
			ObjectProvider<OAuth2AuthorizedClientRepository> authorizedClients,
			@Value("${fibroplan.web.fhir-base-url:}") String configuredFhirBase) throws Exception {
		http.securityMatcher(new OrRequestMatcher(
						new AntPathRequestMatcher("/app"), new AntPathRequestMatcher("/app/**"),
						new AntPathRequestMatcher("/oauth2/authorization/**"), new AntPathRequestMatcher("/login/oauth2/code/**")))
				.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
						"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
		if (registrations.getIfAvailable() == null) {
			// No identity provider configured for the pages (prod without client registration): say so, open nothing.
			http.authorizeHttpRequests(authorize -> authorize.requestMatchers(PUBLIC_PAGES).permitAll().anyRequest().denyAll());
			return http.build();
		}
		var entryPoints = new LinkedHashMap<RequestMatcher, AuthenticationEntryPoint>();
		entryPoints.put(PATIENT_PAGES, new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + EmbeddedIssuerRegistrations.PATIENT));
		DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
		entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + EmbeddedIssuerRegistrations.CLINICIAN));
		// The pages keep the page to return to under their own key: the authorization server, in the same
		// session, saves its own /oauth2/authorize request under the default key during the same login.
		HttpSessionRequestCache pageCache = new HttpSessionRequestCache();
		pageCache.setSessionAttrName("FIBROPLAN_PAGE_BEFORE_LOGIN");
		SavedRequestAwareAuthenticationSuccessHandler backToPage = new SavedRequestAwareAuthenticationSuccessHandler() {
			@Override
			public void onAuthenticationSuccess(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
					org.springframework.security.core.Authentication authentication) throws java.io.IOException, jakarta.servlet.ServletException {
				new HttpSessionRequestCache().removeRequest(request, response);
				java.util.Optional<String> launched = EhrLaunchSignIn.landingPage(authentication);
				if (launched.isPresent()) {
					// opened from an EHR for a patient: that patient's page, whatever page was asked for before
					pageCache.removeRequest(request, response);
					clearAuthenticationAttributes(request);
					getRedirectStrategy().sendRedirect(request, response, launched.get());
					return;
				}
				setDefaultTargetUrl(SignedInUser.of(authentication).filter(SignedInUser::isPatient).isPresent() ? "/app/patient" : "/app");
				super.onAuthenticationSuccess(request, response, authentication);
			}
		};
		backToPage.setRequestCache(pageCache);
		http.requestCache(cache -> cache.requestCache(pageCache));
		http.authorizeHttpRequests(authorize -> authorize
						.requestMatchers(PUBLIC_PAGES).permitAll()
						.requestMatchers(PATIENT_PAGES).access(user(SignedInUser::isPatient))
						.anyRequest().access(user(SignedInUser::isPractitioner)))
				.oauth2Login(login -> login
						.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(
								EhrLaunchSignIn.authorizationRequests(registrations.getObject(), configuredFhirBase)))
						.userInfoEndpoint(userInfo -> userInfo.oidcUserService(EhrLaunchSignIn.users()))
						.successHandler(backToPage)
						.failureHandler((request, response, failure) -> {
							// the user sees a plain explanation; operators see why the identity provider said no
							LOG.warn("Sign-in to the web pages failed: {}", failure.getMessage());
							boolean launch = request.getRequestURI().endsWith("/" + EhrLaunchSignIn.REGISTRATION);
							response.sendRedirect(request.getContextPath() + (launch ? "/app/welcome?launch-failed" : "/app/welcome?failed"));
						}))
				.oauth2Client(client -> client.authorizedClientRepository(authorizedClients.getObject()))
				.logout(logout -> logout
						.logoutRequestMatcher(new AntPathRequestMatcher("/app/logout", HttpMethod.POST.name()))
						.logoutSuccessUrl("/app/welcome?signed-out"))
				.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
						.accessDeniedHandler((request, response, denied) -> response.sendRedirect(request.getContextPath() + "/app/welcome?denied")));
		return http.build();
	}

	private static AuthorizationManager<RequestAuthorizationContext> user(java.util.function.Predicate<SignedInUser> allowed) {
		return (authentication, context) -> new AuthorizationDecision(
				SignedInUser.of(authentication.get()).filter(allowed).isPresent());
	}

	/** With the embedded server, the pages are its registered client {@code fibroplan-web}. */
	@Bean
	@ConditionalOnProperty(name = "fibroplan.security.embedded.enabled", havingValue = "true", matchIfMissing = true)
	ClientRegistrationRepository embeddedIssuerRegistrations(SecurityProperties properties) {
		return new EmbeddedIssuerRegistrations(properties.embedded().webClientSecret(), properties.issuer());
	}

	/** The user's tokens live in their session: gone at logout or when the session ends. */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClientRepository() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/** Hands out the signed-in user's access token, refreshing it when it has expired. */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(
			ObjectProvider<ClientRegistrationRepository> registrations, OAuth2AuthorizedClientRepository authorizedClients) {
		var manager = new DefaultOAuth2AuthorizedClientManager(registrations.getIfAvailable(() -> id -> null), authorizedClients);
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
		return manager;
	}
}

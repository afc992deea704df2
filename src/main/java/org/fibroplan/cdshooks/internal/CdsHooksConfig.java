package org.fibroplan.cdshooks.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * /cds-services has a security of its own: no session, no cookies (so no CSRF), no OAuth token of
 * FibroPlan's; each service call proves its EHR with a signed JWT, checked by {@link CdsClientJwts}.
 */
@Configuration(proxyBeanMethods = false)
class CdsHooksConfig {

	/** After the authorization server's and the FHIR API's chains, before the pages' and the catch-all. */
	@Bean
	@Order(3)
	SecurityFilterChain cdsHooksFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher(new OrRequestMatcher(
						new AntPathRequestMatcher(CdsServicesController.BASE), new AntPathRequestMatcher(CdsServicesController.BASE + "/**")))
				.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
				.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf(csrf -> csrf.disable())
				.requestCache(cache -> cache.disable());
		return http.build();
	}

	@Bean
	CdsClientJwts cdsClientJwts(CdsHooksProperties properties, ResourceLoader resources) {
		return new CdsClientJwts(properties, resources);
	}
}

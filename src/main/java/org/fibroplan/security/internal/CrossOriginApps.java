package org.fibroplan.security.internal;

import java.time.Duration;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Browser apps served from another origin (a SMART app on its own host, a form renderer) call the FHIR API
 * and the token endpoint from script, which a browser allows only when FibroPlan names their origin.
 * {@code fibroplan.security.cors.allowed-origins} lists those origins (patterns such as
 * {@code https://*.example.org} or {@code http://localhost:[*]} allowed); empty, the default, allows none.
 * Spring Security puts this source in front of every filter chain (a bean of this type named
 * {@code corsConfigurationSource}), so preflights are answered before any token is asked for.
 * Only bearer tokens cross: no cookies, so the sign-in session never answers another origin's script.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginApps {

	/** What an app's script reaches: the FHIR API (smart-configuration and metadata included) and the token endpoint. */
	// CDS Hooks too: EHR-side test harnesses (such as the CDS Hooks sandbox) call services from the browser.
	static final List<String> PATHS = List.of("/fhir/**", "/oauth2/token", "/cds-services", "/cds-services/**");

	@Bean
	UrlBasedCorsConfigurationSource corsConfigurationSource(Settings settings) {
		UrlBasedCorsConfigurationSource source = new FullPathCorsSource();
		if (settings.allowedOrigins().isEmpty()) {
			return source;
		}
		CorsConfiguration apps = new CorsConfiguration();
		apps.setAllowedOriginPatterns(settings.allowedOrigins());
		apps.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		apps.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, HttpHeaders.IF_MATCH,
				HttpHeaders.IF_NONE_MATCH, "If-None-Exist", "Prefer"));
		// what a FHIR client reads from a create or an update
		apps.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CONTENT_LOCATION));
		apps.setAllowCredentials(false);
		apps.setMaxAge(settings.maxAge());
		PATHS.forEach(path -> source.registerCorsConfiguration(path, apps));
		return source;
	}

	/**
	 * Matches the request's whole path: HAPI's servlet is mapped at /fhir/*, and the default lookup would see
	 * only the path inside it (/Questionnaire/peg), which no pattern for /fhir/** matches.
	 */
	static final class FullPathCorsSource extends UrlBasedCorsConfigurationSource {

		private final PathPatternParser parser = PathPatternParser.defaultInstance;

		@Override
		public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			return getCorsConfigurations().entrySet().stream()
					.filter(mapping -> parser.parse(mapping.getKey()).matches(PathContainer.parsePath(path)))
					.map(Map.Entry::getValue).findFirst().orElse(null);
		}
	}

	/**
	 * {@code fibroplan.security.cors.*}.
	 *
	 * @param allowedOrigins origins (or origin patterns) whose scripts may call /fhir and /oauth2/token
	 * @param maxAge how long a browser may keep a preflight's answer
	 */
	@ConfigurationProperties("fibroplan.security.cors")
	record Settings(@DefaultValue List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge) {}
}

package org.fibroplan.security.internal;

import org.fibroplan.security.SecurityProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mounts the SMART configuration at its exact path, ahead of the FHIR servlet's /fhir/* mapping. */
@Configuration(proxyBeanMethods = false)
class SmartConfigurationEndpoint {

	@Bean
	ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(
			SecurityProperties properties,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String externalIssuer) {
		ServletRegistrationBean<SmartConfigurationServlet> registration = new ServletRegistrationBean<>(
				new SmartConfigurationServlet(properties, externalIssuer), SmartConfigurationServlet.PATH);
		registration.setName("smartConfiguration");
		return registration;
	}
}

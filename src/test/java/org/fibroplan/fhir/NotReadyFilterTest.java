package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.fibroplan.fhir.internal.NotReadyFilter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** /fhir before readiness (the package not yet installed) and while stopping: 503, Retry-After, an OperationOutcome. */
class NotReadyFilterTest {

	private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
	private final NotReadyFilter filter = new NotReadyFilter(availability, FhirContext.forR4Cached());

	@Test
	void beforeReadinessNothingOnFhirAnswersButA503() throws Exception {
		MockHttpServletResponse starting = call();
		assertThat(starting.getStatus()).isEqualTo(503);
		assertThat(starting.getHeader("Retry-After")).isEqualTo("5");
		assertThat(starting.getContentType()).startsWith("application/fhir+json");
		assertThat(starting.getContentAsString()).contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"transient\"");

		availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
		MockHttpServletResponse ready = call();
		assertThat(ready.getStatus()).isEqualTo(200);
		assertThat(ready.getContentAsString()).isEqualTo("metadata");

		availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
		assertThat(call().getStatus()).as("stopping").isEqualTo(503);
	}

	private MockHttpServletResponse call() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("GET", "/fhir/metadata"), response,
				new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
					@Override
					protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res)
							throws java.io.IOException {
						res.getWriter().write("metadata");
					}
				}));
		return response;
	}
}

package org.fibroplan.fhir;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * How other modules take part in FHIR requests: a bean of this type is called once while the server at
 * /fhir is built, typically to register request-level interceptors (authorization, audit). Those see
 * requests that arrive over HTTP only, never the server's own internal writes.
 */
@FunctionalInterface
public interface FhirServerCustomizer {

	void customize(RestfulServer server);
}

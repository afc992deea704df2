package org.fibroplan;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The FHIR client stories use unless they are about who may do what: the demo system client
 * (system/*.cruds), with a token renewed before its 5 minutes run out.
 */
final class SystemClient {

	private record Issued(IGenericClient client, Instant renewAfter) {}

	private static final Map<Integer, Issued> BY_PORT = new ConcurrentHashMap<>();

	private SystemClient() {}

	static IGenericClient forPort(int port) {
		return BY_PORT.compute(port, (p, issued) -> issued != null && Instant.now().isBefore(issued.renewAfter())
				? issued
				: new Issued(FhirIntegrationTest.client(p, Tokens.systemToken(p)), Instant.now().plus(Duration.ofMinutes(4))))
				.client();
	}
}

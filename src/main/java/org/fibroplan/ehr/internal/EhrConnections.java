package org.fibroplan.ehr.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fibroplan.ehr.DeliveryTargets;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * One FHIR client per EHR target, authenticated the way the target is configured, and the delivery mode
 * an {@code auto} target's CapabilityStatement allows: CarePlan create or update plus transactions →
 * fhir, else document. The statement is read again after {@code capability-ttl}.
 */
@Component
class EhrConnections {

	private final FhirContext fhirContext;
	private final DeliverySettings settings;
	private final Clock clock;
	private final Map<String, IGenericClient> clients = new ConcurrentHashMap<>();
	private final Map<String, KnownMode> modes = new ConcurrentHashMap<>();

	private record KnownMode(DeliveryTargets.Mode mode, Instant until) {}

	EhrConnections(DeliverySettings settings) {
		this.settings = settings;
		this.clock = Clock.systemUTC();
		// A context of its own: timeouts and validation mode set here must not touch FibroPlan's own clients.
		this.fhirContext = FhirContext.forR4();
		fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		fhirContext.getRestfulClientFactory().setConnectTimeout((int) settings.connectTimeout().toMillis());
		fhirContext.getRestfulClientFactory().setConnectionRequestTimeout((int) settings.connectTimeout().toMillis());
		fhirContext.getRestfulClientFactory().setSocketTimeout((int) settings.readTimeout().toMillis());
	}

	IGenericClient client(DeliveryTargets.Target target) {
		return clients.computeIfAbsent(target.name(), name -> newClient(target));
	}

	/** fhir or document: as configured, or as the target's CapabilityStatement allows. */
	DeliveryTargets.Mode mode(DeliveryTargets.Target target) {
		if (target.mode() != DeliveryTargets.Mode.AUTO) {
			return target.mode();
		}
		KnownMode known = modes.get(target.name());
		if (known == null || clock.instant().isAfter(known.until())) {
			CapabilityStatement statement = client(target).capabilities().ofType(CapabilityStatement.class).execute();
			known = new KnownMode(modeAllowedBy(statement), clock.instant().plus(settings.capabilityTtl()));
			modes.put(target.name(), known);
		}
		return known.mode();
	}

	static DeliveryTargets.Mode modeAllowedBy(CapabilityStatement statement) {
		for (CapabilityStatementRestComponent rest : statement.getRest()) {
			boolean transactions = rest.getInteraction().stream()
					.anyMatch(i -> i.getCode() == CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
			boolean carePlanWrites = rest.getResource().stream().filter(r -> "CarePlan".equals(r.getType()))
					.flatMap(r -> r.getInteraction().stream())
					.anyMatch(i -> i.getCode() == TypeRestfulInteraction.CREATE || i.getCode() == TypeRestfulInteraction.UPDATE);
			if (transactions && carePlanWrites) {
				return DeliveryTargets.Mode.FHIR;
			}
		}
		return DeliveryTargets.Mode.DOCUMENT;
	}

	/** A read-only target answering 405 for CarePlan writes after all: use documents until the statement is read again. */
	void writesRefused(DeliveryTargets.Target target) {
		if (target.mode() == DeliveryTargets.Mode.AUTO) {
			modes.put(target.name(), new KnownMode(DeliveryTargets.Mode.DOCUMENT, clock.instant().plus(settings.capabilityTtl())));
		}
	}

	private IGenericClient newClient(DeliveryTargets.Target target) {
		IGenericClient client = fhirContext.newRestfulGenericClient(target.baseUrl().toString().replaceAll("/+$", ""));
		client.registerInterceptor(new RetryAfterCapture());
		DeliveryTargets.Auth auth = target.auth();
		switch (auth.type()) {
			case BASIC -> client.registerInterceptor(new BasicAuthInterceptor(auth.username(), auth.password()));
			case BACKEND_SERVICES -> client.registerInterceptor(new BearerFrom(new BackendServicesTokens(auth, clock, tokenHttp())));
			case NONE -> { }
		}
		return client;
	}

	private RestClient tokenHttp() {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(settings.connectTimeout());
		requests.setReadTimeout(settings.readTimeout());
		return RestClient.builder().requestFactory(requests).build();
	}

	/** The Retry-After of the last EHR answer on this thread (HAPI's client exceptions do not carry headers). */
	static Duration lastRetryAfter() {
		return RetryAfterCapture.LAST.get();
	}

	/** Forgets it, before an attempt. */
	static void clearRetryAfter() {
		RetryAfterCapture.LAST.remove();
	}

	private static final class RetryAfterCapture implements IClientInterceptor {
		static final ThreadLocal<Duration> LAST = new ThreadLocal<>();

		@Override
		public void interceptRequest(IHttpRequest request) {}

		@Override
		public void interceptResponse(IHttpResponse response) {
			LAST.set(DeliveryFailure.retryAfter(response.getAllHeaders(), Instant.now()));
		}
	}

	/** Adds the current Backend Services access token to every request to the EHR. */
	private record BearerFrom(BackendServicesTokens tokens) implements IClientInterceptor {
		@Override
		public void interceptRequest(IHttpRequest request) {
			request.addHeader("Authorization", "Bearer " + tokens.token());
		}

		@Override
		public void interceptResponse(IHttpResponse response) {
			if (response.getStatus() == 401) {
				tokens.forget(); // revoked or expired early: the next attempt fetches a new one
			}
		}
	}
}

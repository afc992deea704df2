package org.fibroplan.security.internal;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registered clients, where a confidential client locked by {@link LoginThrottle} (too many wrong
 * secrets) is not found while the lock lasts: its token requests get invalid_client, right secret or not.
 * Public clients have no secret to guess and are never locked.
 */
final class ThrottledClients implements RegisteredClientRepository {

	private final RegisteredClientRepository clients;
	private final LoginThrottle throttle;

	ThrottledClients(RegisteredClientRepository clients, LoginThrottle throttle) {
		this.clients = clients;
		this.throttle = throttle;
	}

	@Override
	public void save(RegisteredClient client) {
		clients.save(client);
	}

	@Override
	public RegisteredClient findById(String id) {
		return clients.findById(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		RegisteredClient client = clients.findByClientId(clientId);
		if (client == null || client.getClientSecret() == null) {
			return client;
		}
		var lockedFor = throttle.lockedFor(LoginThrottleConfig.CLIENT + clientId, LoginThrottle.currentAddress());
		if (lockedFor.isPresent()) {
			LoginThrottle.remember(lockedFor.get());
			return null;
		}
		return client;
	}
}

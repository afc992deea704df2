package org.fibroplan.ehr.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How delivery to the EHR targets runs ({@code fibroplan.ehr.delivery.*}); the defaults suit a clinic.
 *
 * @param maxAttempts attempts per plan version before its Task fails (network errors, 5xx, 408, 429)
 * @param initialBackoff wait after the first failed attempt; doubled each time, with ±50 % jitter
 * @param maxBackoff the longest wait between attempts
 * @param pollingInterval how often a FibroPlan instance looks for due deliveries
 * @param heartbeatInterval how often a running delivery says it is alive; after 6 missed beats (a killed
 *     instance) another instance takes it over
 * @param sweepInterval how often Tasks still waiting for delivery are checked to have a scheduled run
 * @param threads deliveries running at once in one instance
 * @param connectTimeout to the EHR
 * @param readTimeout of one EHR request
 * @param capabilityTtl how long an auto target's CapabilityStatement is trusted
 */
@ConfigurationProperties("fibroplan.ehr.delivery")
record DeliverySettings(
		@DefaultValue("10") int maxAttempts,
		@DefaultValue("5s") Duration initialBackoff,
		@DefaultValue("15m") Duration maxBackoff,
		@DefaultValue("2s") Duration pollingInterval,
		@DefaultValue("5s") Duration heartbeatInterval,
		@DefaultValue("30s") Duration sweepInterval,
		@DefaultValue("4") int threads,
		@DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout,
		@DefaultValue("10m") Duration capabilityTtl) {

	DeliverySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("fibroplan.ehr.delivery.max-attempts must be at least 1");
		}
		if (threads < 1) {
			throw new IllegalArgumentException("fibroplan.ehr.delivery.threads must be at least 1");
		}
	}
}

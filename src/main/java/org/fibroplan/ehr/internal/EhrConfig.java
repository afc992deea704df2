package org.fibroplan.ehr.internal;

import javax.sql.DataSource;
import org.fibroplan.ehr.DeliveryTargets;
import org.fibroplan.fhir.FhirServerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the delivery targets at start (a target missing a setting stops the server with its name), and
 * wires delivery: a Task and a queued run per target on approval, the queue on FibroPlan's own database,
 * and clients' retry requests through the FHIR API.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeliveryTargets.class, DeliverySettings.class})
class EhrConfig {

	@Bean
	DeliveryQueue deliveryQueue(DataSource dataSource, DeliveryWorker worker, DeliveryTasks tasks, DeliverySettings settings) {
		return new DeliveryQueue(dataSource, worker, tasks, settings);
	}

	@Bean
	DeliveryRequests deliveryRequests(DeliveryTargets targets, DeliveryTasks tasks, DeliveryQueue queue) {
		return new DeliveryRequests(targets, tasks, queue);
	}

	@Bean
	FhirServerCustomizer deliveryRetries(DeliveryTasks tasks, DeliveryQueue queue) {
		return server -> server.registerInterceptor(new RetryRequests(tasks, queue));
	}
}

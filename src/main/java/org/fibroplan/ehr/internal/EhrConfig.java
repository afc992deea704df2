package org.fibroplan.ehr.internal;

import org.fibroplan.ehr.DeliveryTargets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the delivery targets at start, so a target missing a setting stops the server with its name. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryTargets.class)
class EhrConfig {}

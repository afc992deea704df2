package org.fibroplan.ehr.internal;

import org.springframework.context.ApplicationContext;

/** For tests outside the module that need this instance to leave the deliveries to another one for a while. */
public final class DeliveryQueuePause {

	private DeliveryQueuePause() {}

	public static void pause(ApplicationContext context) {
		context.getBean(DeliveryQueue.class).pause();
	}

	public static void resume(ApplicationContext context) {
		context.getBean(DeliveryQueue.class).resume();
	}
}

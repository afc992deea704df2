package org.fibroplan.security.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fibroplan.security.login-throttle.*}: how many wrong passwords (or client secrets) an account,
 * and an address, may try before further attempts are refused for a while.
 *
 * @param enabled throttle at all
 * @param accountFailures failures of one account (user or confidential client) before it is locked
 * @param addressFailures failures from one client address, whatever the account, before it is locked
 * @param window how long failures are remembered after the last one (or after the lock they caused ends)
 * @param lock the first lock; each failure after a lock doubles it
 * @param maxLock the longest lock
 * @param maxTracked at most this many accounts and as many addresses are tracked (least used forgotten first)
 */
@ConfigurationProperties("fibroplan.security.login-throttle")
record LoginThrottleSettings(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("5") int accountFailures,
		@DefaultValue("50") int addressFailures,
		@DefaultValue("15m") Duration window,
		@DefaultValue("1m") Duration lock,
		@DefaultValue("1h") Duration maxLock,
		@DefaultValue("10000") int maxTracked) {}

package org.fibroplan.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmartScopeRequestsTest {

	static final List<String> PATIENT_APP = List.of("openid", "launch/patient", "patient/*.rs", "patient/Observation.c");
	static final List<String> SYSTEM = List.of("system/*.cruds");

	@Test
	void anAppMayAskForLessThanItIsRegisteredFor() {
		assertThat(SmartScopeRequests.allowed(PATIENT_APP, "patient/Observation.rs")).isTrue();
		assertThat(SmartScopeRequests.allowed(PATIENT_APP, "patient/*.s")).isTrue();
		assertThat(SmartScopeRequests.allowed(SYSTEM, "system/*.rs")).isTrue();
		assertThat(SmartScopeRequests.allowed(SYSTEM, "system/Patient.read")).isTrue();
		assertThat(SmartScopeRequests.allowed(PATIENT_APP, "openid")).isTrue();
	}

	@Test
	void butNeverForMoreOrForAnotherContext() {
		assertThat(SmartScopeRequests.allowed(PATIENT_APP, "patient/*.cruds")).isFalse();
		assertThat(SmartScopeRequests.allowed(PATIENT_APP, "patient/CarePlan.u")).isFalse();
		assertThat(SmartScopeRequests.allowed(PATIENT_APP, "user/*.rs")).isFalse();
		assertThat(SmartScopeRequests.allowed(SYSTEM, "user/*.rs")).isFalse();
		assertThat(SmartScopeRequests.allowed(PATIENT_APP, "fhirUser")).isFalse();
		assertThat(SmartScopeRequests.allowed(SYSTEM, "system/*.dc")).as("letters out of order are no scope").isFalse();
	}
}

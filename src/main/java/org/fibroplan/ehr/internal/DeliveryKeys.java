package org.fibroplan.ehr.internal;

import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan;

/**
 * The keys that make delivery idempotent, all in one identifier system. A plan version is named by its
 * CarePlan id and version (each approved plan is its own CarePlan, so the version number alone would
 * repeat within a patient's plan lineage); the delivery Tasks of one lineage to one target share a group.
 */
final class DeliveryKeys {

	static final String SYSTEM = FhirTerms.DELIVERY_IDENTIFIER;

	private DeliveryKeys() {}

	/** One approved version of a plan, e.g. {@code 7c1e…-v3}. */
	static String version(String carePlanId, String version) {
		return carePlanId + "-v" + version;
	}

	static String version(CarePlan plan) {
		return version(plan.getIdElement().getIdPart(), plan.getMeta().getVersionId());
	}

	/** The delivery of one version to one target (Task.identifier). */
	static String task(String carePlanId, String version, String target) {
		return version(carePlanId, version) + "@" + target;
	}

	/** All deliveries of one plan lineage to one target (Task.groupIdentifier), delivered one at a time. */
	static String group(String lineage, String target) {
		return lineage + "@" + target;
	}
}

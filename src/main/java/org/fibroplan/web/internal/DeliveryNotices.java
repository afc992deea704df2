package org.fibroplan.web.internal;

import java.util.List;
import org.fibroplan.ehr.DeliveryTargets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What the pages say about delivery to EHRs, from the targets actually configured: what approval will
 * do, what it did, why a plan shows no delivery, and each delivery's status in words. Without a target an
 * approved plan goes nowhere but the patient's page, and the pages say exactly that.
 */
@Component
class DeliveryNotices {

	private final List<String> targets;

	@Autowired
	DeliveryNotices(DeliveryTargets targets) {
		this(targets.targets().stream().map(DeliveryTargets.Target::name).toList());
	}

	DeliveryNotices(List<String> targetNames) {
		this.targets = List.copyOf(targetNames);
	}

	public boolean configured() {
		return !targets.isEmpty();
	}

	/** Beside the approve button. */
	public String beforeApproval() {
		return configured()
				? "Approval makes it the active plan, which the patient reads on their page, and sends it to " + names() + "."
				: "Approval makes it the active plan, which the patient reads on their page. No EHR is configured, so it is not sent anywhere.";
	}

	/** The outcome of an approval. */
	public String approved() {
		return configured()
				? "Approved. The plan is active, the patient reads it on their page, and it is being sent to " + names() + " (see Delivery to EHRs)."
				: "Approved. The plan is active and the patient reads it on their page. No EHR is configured, so it was not sent anywhere.";
	}

	/** The deliveries panel of an active plan with no delivery. */
	public String noDeliveries() {
		return configured()
				? "This plan has not been sent to " + names() + ": it was approved before delivery was set up."
				: "No EHR is configured: approved plans stay in FibroPlan, where the patient reads them.";
	}

	/** A delivery Task's status (requested, in-progress, completed, failed, cancelled) as a clinician says it. */
	public String status(String code) {
		return switch (code) {
			case "requested" -> "waiting to be sent";
			case "in-progress" -> "sending";
			case "completed" -> "delivered";
			case "failed" -> "failed";
			case "cancelled" -> "cancelled";
			default -> code;
		};
	}

	private String names() {
		if (targets.size() == 1) {
			return targets.get(0);
		}
		return String.join(", ", targets.subList(0, targets.size() - 1)) + " and " + targets.get(targets.size() - 1);
	}
}

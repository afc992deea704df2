package org.fibroplan.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pages say what approval does with a plan from the EHRs configured, never more: no EHR, no word of sending. */
class DeliveryNoticesTest {

	@Test
	void withoutAnEhrNothingIsSaidToBeSent() {
		DeliveryNotices none = new DeliveryNotices(List.of());
		assertThat(List.of(none.beforeApproval(), none.approved(), none.noDeliveries()))
				.allSatisfy(text -> assertThat(text).contains("No EHR is configured").doesNotContain("sends it", "being sent"));
		assertThat(none.approved()).contains("the patient reads it on their page");
	}

	@Test
	void withEhrsApprovalNamesWhereThePlanGoes() {
		DeliveryNotices two = new DeliveryNotices(List.of("clinic-ehr", "hospital-ehr"));
		assertThat(two.beforeApproval()).contains("sends it to clinic-ehr and hospital-ehr").doesNotContain("No EHR");
		assertThat(two.approved()).contains("being sent to clinic-ehr and hospital-ehr");
		assertThat(two.noDeliveries()).as("a plan approved before delivery was set up").contains("has not been sent to clinic-ehr and hospital-ehr");
		assertThat(new DeliveryNotices(List.of("clinic-ehr")).approved()).contains("being sent to clinic-ehr (");
	}

	@Test
	void aDeliveryStatusIsSaidInWords() {
		DeliveryNotices notices = new DeliveryNotices(List.of("clinic-ehr"));
		assertThat(List.of("requested", "in-progress", "completed", "failed")).extracting(notices::status)
				.containsExactly("waiting to be sent", "sending", "delivered", "failed");
	}
}

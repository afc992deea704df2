package org.fibroplan.cdshooks.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A CDS Hooks 2.0 card, as the EHR shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Card(String uuid, String summary, String detail, String indicator, Source source, List<Link> links) {

	/** Who says so: FibroPlan, with a link to its workspace. */
	record Source(String label, String url) {}

	/** A link the EHR shows on the card; {@code smart} links are launched by the EHR as SMART apps. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Link(String label, String url, String type, String appContext) {}
}

package org.fibroplan.web.internal;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;

/** One patient whose draft plan awaits review, with what tells a clinician how urgent it is. */
record WorklistRow(
		String patientId,
		String name,
		String draftId,
		List<String> redFlags,
		BigDecimal pegNow,
		BigDecimal pegBaseline,
		Integer pegChangePercent,
		String pegCategory,
		String pegCategoryDisplay,
		boolean flare,
		Date lastResponse,
		List<String> deliveryProblems) {

	public boolean hasRedFlag() {
		return !redFlags.isEmpty();
	}

	/** A deterioration against the baseline (CodeSystem pain-change) or a flare: the rows after red flags. */
	public boolean isWorsening() {
		return "deterioration".equals(pegCategory) || flare;
	}
}

package org.fibroplan.web.internal.panel;

import java.util.List;

/**
 * One page of the patient list: every patient when {@code search} is blank, else those whose
 * identifier (MRN) or, when none has it, whose name matches.
 */
record PatientPage(List<PatientRow> rows, String search, boolean byIdentifier, int page, boolean hasNext) {

	public boolean searched() {
		return !search.isBlank();
	}

	public boolean hasPrevious() {
		return page > 1;
	}
}

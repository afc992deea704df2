package org.fibroplan.web.internal.panel;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IQuery;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Finds patients for the panel, a page at a time: with no search text every patient by name (everyone
 * FibroPlan holds is there to be cared for; narrowing to those with a draft or active plan through
 * {@code _has} made the database sort the whole clinic, 3.6 s at 5,000 patients), else by identifier (a typed MRN matches its value in any system) or, when no identifier
 * matches, by name (the client escapes commas and bars, so typed text stays one value). Each page is one
 * or two searches for one row more than it shows (to know there is a next page).
 */
@Component
class PatientSearch {

	PatientPage find(IGenericClient fhir, String search, int page, int size) {
		String text = search.strip();
		if (text.isEmpty()) {
			return page(fhir.search().forResource(Patient.class).returnBundle(Bundle.class), text, false, page, size);
		}
		PatientPage byIdentifier = page(fhir.search().forResource(Patient.class).where(Patient.IDENTIFIER.exactly().code(text))
				.returnBundle(Bundle.class), text, true, page, size);
		if (!byIdentifier.rows().isEmpty()) {
			return byIdentifier;
		}
		return page(fhir.search().forResource(Patient.class).where(Patient.NAME.matches().value(text)).returnBundle(Bundle.class), text, false, page, size);
	}

	private static PatientPage page(IQuery<Bundle> query, String text, boolean byIdentifier, int page, int size) {
		Bundle found = query.sort().ascending(Patient.FAMILY).sort().ascending(Patient.GIVEN)
				.offset((page - 1) * size).count(size + 1).execute();
		List<PatientRow> rows = found.getEntry().stream().map(e -> e.getResource()).filter(Patient.class::isInstance)
				.map(r -> PatientRow.of((Patient) r)).toList();
		return new PatientPage(rows.stream().limit(size).toList(), text, byIdentifier, page, rows.size() > size);
	}
}

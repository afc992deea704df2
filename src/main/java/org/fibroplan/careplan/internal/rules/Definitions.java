package org.fibroplan.careplan.internal.rules;

import org.hl7.fhir.r4.model.MetadataResource;

/** Where the care-plan module reads the clinical knowledge it runs on: conformance resources by canonical URL. */
public interface Definitions {

	/** The current resource with this canonical URL (a version after | picks that version). */
	public <T extends MetadataResource> T get(Class<T> type, String canonical);

	/** Changes whenever any definition may have changed, so what was built from them can be rebuilt. */
	public default long generation() {
		return 0;
	}
}

package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** Every resource of a search, following the server's next-page links. */
final class FhirPages {

	private static final int MAX_PAGES = 50;

	private FhirPages() {}

	static List<Resource> all(IGenericClient fhir, Bundle first) {
		List<Resource> resources = new ArrayList<>();
		Bundle page = first;
		for (int n = 0; page != null && n < MAX_PAGES; n++) {
			page.getEntry().forEach(e -> resources.add(e.getResource()));
			page = page.getLink(Bundle.LINK_NEXT) == null ? null : fhir.loadPage().next(page).execute();
		}
		return resources;
	}
}

package org.fibroplan.security.internal;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import org.fibroplan.security.SmartAccess;

/**
 * A patient's searches are narrowed to their own compartment before they run, so a search returns
 * their data instead of failing on someone else's. So are the match URLs of their conditional requests
 * (If-None-Exist, conditional update and delete, also inside Bundles): a match never finds, counts or
 * touches another patient's resource.
 */
class SmartSearchNarrowing extends SearchNarrowingInterceptor {

	SmartSearchNarrowing() {
		setNarrowConditionalUrls(true);
	}

	@Override
	protected AuthorizedList buildAuthorizedList(RequestDetails request) {
		return SmartAccess.current()
				.filter(SmartAccess::isPatientContext)
				.filter(access -> access.patient() != null)
				.map(access -> new AuthorizedList().addCompartment("Patient/" + access.patient()))
				.orElse(null);
	}
}

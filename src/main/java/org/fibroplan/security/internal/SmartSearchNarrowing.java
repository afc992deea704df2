package org.fibroplan.security.internal;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fibroplan.security.SmartAccess;
import org.hl7.fhir.r4.model.Bundle;

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

	/**
	 * HAPI narrows every GET entry of a batch as if it were a search, which turns a read by id
	 * ({@code Observation/123}) into a search for all the patient's Observations. Reads by id are left as
	 * reads here, and are judged like any single read (PatientsOwnRecordOnly): their own, or 403.
	 */
	@Override
	public void hookIncomingRequestPreHandled(ServletRequestDetails request, HttpServletRequest servletRequest,
			HttpServletResponse servletResponse) throws AuthenticationException {
		Map<Bundle.BundleEntryRequestComponent, String> readsById = new LinkedHashMap<>();
		if (request.getRestOperationType() == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				Bundle.BundleEntryRequestComponent entryRequest = entry.getRequest();
				if (entryRequest.getMethod() == Bundle.HTTPVerb.GET && entryRequest.hasUrl() && !entryRequest.getUrl().contains("?")) {
					readsById.put(entryRequest, entryRequest.getUrl());
					entryRequest.setUrl(null);
				}
			}
		}
		try {
			super.hookIncomingRequestPreHandled(request, servletRequest, servletResponse);
		} finally {
			readsById.forEach(Bundle.BundleEntryRequestComponent::setUrl);
		}
	}
}

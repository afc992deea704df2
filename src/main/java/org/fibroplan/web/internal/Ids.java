package org.fibroplan.web.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** FHIR logical ids as they may appear in the pages' URLs; anything else is a bad request, not a FHIR query. */
public final class Ids {

	private Ids() {}

	public static String checked(String id) {
		if (id == null || !id.matches("[A-Za-z0-9\\-.]{1,64}")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not a FHIR id: " + id);
		}
		return id;
	}
}

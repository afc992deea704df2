package org.fibroplan.fhir;

import org.hl7.fhir.r4.model.MetadataResource;

/** A definition the server runs on is not in its store: the package was not installed, or a canonical is wrong. */
public class MissingDefinitionException extends IllegalStateException {

	public MissingDefinitionException(Class<? extends MetadataResource> type, String canonical) {
		super(type.getSimpleName() + " " + canonical + " is not installed");
	}
}

package org.fibroplan.fhir;

import java.util.Optional;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * The conformance resources (instruments, rules, terminology) every module reads, by canonical URL, as
 * the server stores them now: an edited definition is read on the next call, no restart. What is returned
 * is shared between callers: read it, do not change it. An interface so a test can serve the package
 * itself without a server.
 */
public interface Definitions {

	/** The resource with this canonical (url, or url|version); the latest written when several match. */
	<T extends MetadataResource> Optional<T> find(Class<T> type, String canonical);

	/** As {@link #find}, for definitions that must be there (the package's own). */
	default <T extends MetadataResource> T get(Class<T> type, String canonical) {
		return find(type, canonical).orElseThrow(() -> new MissingDefinitionException(type, canonical));
	}

	/** Changes whenever any definition is written, so what was compiled from them can be rebuilt; a fixed set keeps 0. */
	default long generation() {
		return 0;
	}
}

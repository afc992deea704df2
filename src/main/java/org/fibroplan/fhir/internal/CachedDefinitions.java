package org.fibroplan.fhir.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.ResourceChanges;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MetadataResource;
import org.springframework.stereotype.Component;

/**
 * Definitions read from the server's own store (the package is installed there at start) and kept until
 * any conformance resource is written: lookups sit on every answer's path, a search each was too slow.
 */
@Component
class CachedDefinitions implements Definitions {

	private final DaoRegistry daos;
	private final Map<String, Optional<? extends MetadataResource>> cache = new ConcurrentHashMap<>();
	private final AtomicLong generation = new AtomicLong();

	CachedDefinitions(DaoRegistry daos, ResourceChanges changes) {
		this.daos = daos;
		changes.onWrite(MetadataResource.class, this::forget);
	}

	@Override
	public <T extends MetadataResource> Optional<T> find(Class<T> type, String canonical) {
		return cache.computeIfAbsent(type.getSimpleName() + " " + canonical, key -> load(type, canonical)).map(type::cast);
	}

	@Override
	public long generation() {
		return generation.get();
	}

	private <T extends MetadataResource> Optional<T> load(Class<T> type, String canonical) {
		int bar = canonical.indexOf('|');
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add("url", new UriParam(bar < 0 ? canonical : canonical.substring(0, bar)));
		if (bar >= 0) {
			search.add("version", new TokenParam(canonical.substring(bar + 1)));
		}
		return daos.getResourceDao(type).search(search, new SystemRequestDetails()).getAllResources().stream()
				.map(type::cast)
				// By url alone: the active version before a retired one kept for old answers, then the latest written.
				.max(Comparator.comparing((T d) -> d.getStatus() == Enumerations.PublicationStatus.ACTIVE)
						.thenComparing(d -> d.getMeta().getLastUpdated()));
	}

	/**
	 * Any write may change what a lookup finds (a new version, a retirement): forget everything read so far.
	 * Called for this instance's writes and, through {@link DefinitionsWrittenElsewhere}, for other instances'.
	 */
	void forget() {
		cache.clear();
		generation.incrementAndGet();
	}
}

package org.fibroplan.careplan.internal.rules;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.fibroplan.fhir.ResourceChanges;
import org.hl7.fhir.r4.model.MetadataResource;
import org.springframework.stereotype.Component;

/**
 * Definitions read from the server's own store (the fhir-profiles package is installed there at start),
 * kept until any conformance resource is written, so an edited rule takes effect on the next revision.
 */
@Component
public class StoredDefinitions implements Definitions {

	private final DaoRegistry daos;
	private final Map<String, MetadataResource> cache = new ConcurrentHashMap<>();
	private final AtomicLong generation = new AtomicLong();

	public StoredDefinitions(DaoRegistry daos, ResourceChanges changes) {
		this.daos = daos;
		changes.onWrite(MetadataResource.class, this::forget);
	}

	@Override
	public long generation() {
		return generation.get();
	}

	@Override
	public <T extends MetadataResource> T get(Class<T> type, String canonical) {
		MetadataResource found = cache.computeIfAbsent(type.getSimpleName() + " " + canonical, key -> load(type, canonical));
		return type.cast(found);
	}

	private <T extends MetadataResource> T load(Class<T> type, String canonical) {
		int bar = canonical.indexOf('|');
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add("url", new UriParam(bar < 0 ? canonical : canonical.substring(0, bar)));
		if (bar >= 0) {
			search.add("version", new TokenParam(canonical.substring(bar + 1)));
		}
		return daos.getResourceDao(type).search(search, new SystemRequestDetails()).getAllResources().stream()
				.map(type::cast)
				.max((a, b) -> a.getMeta().getLastUpdated().compareTo(b.getMeta().getLastUpdated()))
				.orElseThrow(() -> new MissingDefinitionException(type.getSimpleName() + " " + canonical + " is not installed"));
	}

	/** Any change to a definition may change a rule's result: forget everything read so far. */
	private void forget() {
		cache.clear();
		generation.incrementAndGet();
	}

	public static class MissingDefinitionException extends IllegalStateException {
		public MissingDefinitionException(String message) {
			super(message);
		}
	}
}

package org.fibroplan.fhir.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.UriOrListParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * Where each resource of the package is written when it is installed: where the store already keeps its
 * url (and version, for a url the package ships in several versions), so a definition stored under an id
 * of its own is updated there, not copied; under the package's own id when nothing keeps it yet, or when
 * the id keeping it is one the package gives to another resource. That last case is an upgrade: a release
 * that shipped fm-context 1.0.0 stored it under the id fm-context, which this package gives to 1.1.0, while
 * 1.0.0 moves to fm-context-1.0.0, retired. Resolved before the install's one transaction, because HAPI
 * resolves a transaction's conditional urls against the store as it was before the transaction, and would
 * send 1.0.0 to the id the same transaction gives to 1.1.0.
 */
final class InstallTargets {

	private InstallTargets() {}

	/** The id (without type) each resource is to be written at, by resource. */
	static Map<MetadataResource, String> resolve(DaoRegistry daos, Collection<MetadataResource> resources) {
		Map<String, Long> versionsOfUrl = resources.stream().collect(Collectors.groupingBy(MetadataResource::getUrl, Collectors.counting()));
		Set<String> packageIds = resources.stream().map(InstallTargets::ownId).collect(Collectors.toSet());
		Map<String, List<MetadataResource>> storedByType = resources.stream()
				.collect(Collectors.groupingBy(MetadataResource::fhirType, LinkedHashMap::new, Collectors.toList()))
				.entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, e -> stored(daos, e.getKey(), e.getValue())));

		Map<MetadataResource, String> targets = new LinkedHashMap<>();
		for (MetadataResource resource : resources) {
			boolean versioned = versionsOfUrl.get(resource.getUrl()) > 1;
			List<String> keeping = storedByType.get(resource.fhirType()).stream()
					.filter(s -> s.getUrl().equals(resource.getUrl()))
					.filter(s -> !versioned || resource.getVersion().equals(s.getVersion()))
					.map(s -> s.getIdElement().getIdPart())
					.toList();
			if (keeping.size() > 1) {
				throw new IllegalStateException(resource.fhirType() + " " + resource.getUrl() + (versioned ? "|" + resource.getVersion() : "")
						+ " is stored more than once (ids " + keeping + "): keep one, then start again");
			}
			String stored = keeping.isEmpty() ? null : keeping.get(0);
			boolean storedUnderAnotherPackageId = stored != null && !stored.equals(resource.getIdElement().getIdPart())
					&& packageIds.contains(resource.fhirType() + "/" + stored);
			targets.put(resource, stored == null || storedUnderAnotherPackageId ? resource.getIdElement().getIdPart() : stored);
		}
		return targets;
	}

	private static String ownId(MetadataResource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}

	/** Every stored resource of the type with one of the package's urls, whatever its version. */
	private static List<MetadataResource> stored(DaoRegistry daos, String type, List<MetadataResource> ofType) {
		UriOrListParam urls = new UriOrListParam();
		ofType.stream().map(MetadataResource::getUrl).distinct().forEach(url -> urls.addOr(new UriParam(url)));
		SearchParameterMap search = SearchParameterMap.newSynchronous().add("url", urls);
		return daos.getResourceDao(type).search(search, new SystemRequestDetails()).getAllResources().stream()
				.map(MetadataResource.class::cast)
				.toList();
	}
}

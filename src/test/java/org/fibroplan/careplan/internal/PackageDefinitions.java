package org.fibroplan.careplan.internal;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.fibroplan.fhir.Definitions;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MetadataResource;

/** The fhir-profiles package read straight from the repository: the rules without a server. */
final class PackageDefinitions implements Definitions {

	static final PackageDefinitions INSTANCE = new PackageDefinitions(Path.of("fhir-profiles"));

	private final Map<String, MetadataResource> byUrl = new HashMap<>();

	PackageDefinitions(Path folder) {
		FhirContext fhir = FhirContext.forR4Cached();
		try (Stream<Path> files = Files.list(folder)) {
			files.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().equals("package.json")).forEach(file -> {
				try {
					if (fhir.newJsonParser().parseResource(Files.readString(file)) instanceof MetadataResource resource) {
						// By url alone, the active version wins over a retired one kept for old answers.
						byUrl.merge(resource.getUrl(), resource, (a, b) -> b.getStatus() == Enumerations.PublicationStatus.ACTIVE ? b : a);
						byUrl.put(resource.getUrl() + "|" + resource.getVersion(), resource);
					}
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public <T extends MetadataResource> Optional<T> find(Class<T> type, String canonical) {
		MetadataResource resource = byUrl.get(canonical);
		return type.isInstance(resource) ? Optional.of(type.cast(resource)) : Optional.empty();
	}
}

package org.fibroplan.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.fibroplan.fhir.FhirServerProperties;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The project's FHIR package (fhir-profiles/): its manifest and its conformance resources, read once
 * at start. Example resources under {@code example/} are part of the package but are not installed.
 */
@Component
public class ProfilePackage {

	/** Installation order: what others refer to comes first. */
	private static final List<String> TYPE_ORDER = List.of("CodeSystem", "ValueSet", "StructureDefinition", "SearchParameter");

	private final String name;
	private final String version;
	private final String canonical;
	private final List<MetadataResource> resources;
	private final String contentHash;

	public ProfilePackage(FhirContext fhirContext, FhirServerProperties properties) throws IOException {
		var resolver = new PathMatchingResourcePatternResolver();
		String base = properties.profilePackage().endsWith("/")
				? properties.profilePackage()
				: properties.profilePackage() + "/";
		JsonNode manifest;
		try (InputStream in = resolver.getResource(base + "package.json").getInputStream()) {
			manifest = new ObjectMapper().readTree(in);
		}
		this.name = manifest.path("name").asText();
		this.version = manifest.path("version").asText();
		this.canonical = manifest.path("canonical").asText();
		if (name.isBlank() || version.isBlank() || canonical.isBlank()) {
			throw new IllegalStateException(base + "package.json must name the package, its version and canonical");
		}

		List<MetadataResource> loaded = new ArrayList<>();
		MessageDigest digest = sha256();
		// what the install depends on: HAPI's version (it generates the snapshots) and every file, in name order
		digest.update(ca.uhn.fhir.util.VersionUtil.getVersion().getBytes(StandardCharsets.UTF_8));
		var files = new ArrayList<>(List.of(resolver.getResources(base + "*.json")));
		files.sort(Comparator.comparing(f -> String.valueOf(f.getFilename())));
		for (var file : files) {
			String fileName = file.getFilename();
			String json = file.getContentAsString(StandardCharsets.UTF_8);
			digest.update((fileName + "\n" + json + "\n").getBytes(StandardCharsets.UTF_8));
			if ("package.json".equals(fileName) || ".index.json".equals(fileName)) {
				continue;
			}
			try {
				Resource parsed = (Resource) fhirContext.newJsonParser().parseResource(json);
				if (!(parsed instanceof MetadataResource metadata) || !metadata.hasUrl()) {
					throw new IllegalStateException(fileName + " is not a conformance resource with a canonical url");
				}
				loaded.add(metadata);
			} catch (DataFormatException e) {
				throw new IllegalStateException("fhir-profiles/" + fileName + " is not valid FHIR JSON: " + e.getMessage(), e);
			}
		}
		loaded.sort(Comparator.comparingInt(ProfilePackage::installRank).thenComparing(MetadataResource::getUrl));
		this.resources = List.copyOf(loaded);
		this.contentHash = HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** SHA-256 of the package's files (and of the HAPI version that installs them): equal means nothing to install. */
	public String contentHash() {
		return contentHash;
	}

	public String name() {
		return name;
	}

	public String version() {
		return version;
	}

	/** The package's canonical base, e.g. http://fibroplan.org/fhir. */
	public String canonical() {
		return canonical;
	}

	public List<MetadataResource> resources() {
		return resources;
	}

	public List<StructureDefinition> structureDefinitions() {
		return resources.stream()
				.filter(StructureDefinition.class::isInstance)
				.map(StructureDefinition.class::cast)
				.toList();
	}

	/** True when the canonical url belongs to this package's namespace. */
	public boolean owns(String canonicalUrl) {
		return canonicalUrl != null && canonicalUrl.startsWith(canonical + "/");
	}

	/**
	 * Profiles that apply to a resource even when it does not claim them: a resource profile that fixes
	 * {@code <Type>.code} to a pattern applies to every resource of that type carrying that code.
	 */
	public List<ImplicitProfile> implicitProfiles() {
		List<ImplicitProfile> result = new ArrayList<>();
		for (StructureDefinition sd : structureDefinitions()) {
			if (sd.getKind() != StructureDefinition.StructureDefinitionKind.RESOURCE) {
				continue;
			}
			codePattern(sd).ifPresent(pattern -> pattern.getCoding().stream()
					.map(Coding::getCode)
					.forEach(code -> result.add(new ImplicitProfile(sd.getType(), code, sd.getUrl()))));
		}
		return result;
	}

	private static Optional<CodeableConcept> codePattern(StructureDefinition sd) {
		String codePath = sd.getType() + ".code";
		return sd.getDifferential().getElement().stream()
				.filter(e -> codePath.equals(e.getPath()))
				.map(ElementDefinition::getPattern)
				.filter(CodeableConcept.class::isInstance)
				.map(CodeableConcept.class::cast)
				.findFirst();
	}

	private static int installRank(MetadataResource resource) {
		int rank = TYPE_ORDER.indexOf(resource.fhirType());
		return rank < 0 ? TYPE_ORDER.size() : rank;
	}

	/** A profile that every {@code resourceType} with {@code code} must meet. */
	public record ImplicitProfile(String resourceType, String code, String profileUrl) {}
}

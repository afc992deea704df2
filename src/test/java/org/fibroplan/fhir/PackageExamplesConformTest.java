package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fibroplan.PackageValidator;
import org.fibroplan.fhir.internal.ProfilePackage;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package is self-consistent: every example in fhir-profiles/example meets the profiles, judged by
 * the package and the core spec alone (what any other FHIR server loading the package would see).
 */
class PackageExamplesConformTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static ProfilePackage profilePackage;

	@BeforeAll
	static void loadPackage() throws IOException {
		profilePackage = new ProfilePackage(FHIR, new org.fibroplan.fhir.FhirServerProperties(true, "file:fhir-profiles/", 20, 200,
				org.springframework.util.unit.DataSize.ofMegabytes(2), 10_000, java.time.Duration.ofSeconds(5)));
	}

	static Stream<Path> examples() throws IOException {
		return Files.list(Path.of("fhir-profiles/example")).filter(p -> p.toString().endsWith(".json")).sorted();
	}

	@ParameterizedTest
	@MethodSource("examples")
	void everyExampleMeetsItsProfiles(Path example) throws IOException {
		IBaseResource resource = FHIR.newJsonParser().parseResource(Files.readString(example));
		List<String> errors = PackageValidator.errors(resource, profilePackage.implicitProfiles().stream()
				.filter(p -> p.resourceType().equals(resource.fhirType()))
				.map(ProfilePackage.ImplicitProfile::profileUrl)
				.toList());
		assertThat(errors).as(example.getFileName() + " errors").isEmpty();
	}

	@Test
	void everyPackageResourceLivesUnderTheProjectCanonicalButRetirementsOfCoreSearchParameters() {
		assertThat(profilePackage.resources())
				.filteredOn(r -> !profilePackage.owns(r.getUrl()))
				.as("resources outside the project canonical")
				.isNotEmpty()
				.allSatisfy(r -> {
					assertThat(r.fhirType()).isEqualTo("SearchParameter");
					assertThat(r.getUrl()).startsWith("http://hl7.org/fhir/SearchParameter/");
					assertThat(r.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.RETIRED);
				});
	}

	@Test
	void aPainScoreProfileAppliesToEveryObservationCodedAsPainSeverity() {
		assertThat(profilePackage.implicitProfiles()).containsExactly(new ProfilePackage.ImplicitProfile(
				"Observation", "72514-3", "http://fibroplan.org/fhir/StructureDefinition/fm-pain-score"));
	}
}

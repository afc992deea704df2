package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fibroplan.fhir.internal.ProfilePackage;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
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
	static FhirValidator validator;
	static ProfilePackage profilePackage;

	@BeforeAll
	static void loadPackage() throws IOException {
		profilePackage = new ProfilePackage(FHIR, new org.fibroplan.fhir.FhirServerProperties(true, "file:fhir-profiles/", 20, 200));
		PrePopulatedValidationSupport packageResources = new PrePopulatedValidationSupport(FHIR);
		profilePackage.resources().forEach(packageResources::addResource);
		ValidationSupportChain chain = new ValidationSupportChain(
				packageResources,
				new DefaultProfileValidationSupport(FHIR),
				new CommonCodeSystemsTerminologyService(FHIR),
				new InMemoryTerminologyServerValidationSupport(FHIR),
				new SnapshotGeneratingValidationSupport(FHIR));
		validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
	}

	static Stream<Path> examples() throws IOException {
		return Files.list(Path.of("fhir-profiles/example")).filter(p -> p.toString().endsWith(".json")).sorted();
	}

	@ParameterizedTest
	@MethodSource("examples")
	void everyExampleMeetsItsProfiles(Path example) throws IOException {
		IBaseResource resource = FHIR.newJsonParser().parseResource(Files.readString(example));
		var options = new ca.uhn.fhir.validation.ValidationOptions();
		profilePackage.implicitProfiles().stream()
				.filter(p -> p.resourceType().equals(resource.fhirType()))
				.forEach(p -> options.addProfile(p.profileUrl()));
		List<SingleValidationMessage> errors = validator.validateWithResult(resource, options).getMessages().stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();
		assertThat(errors).as(example.getFileName() + " errors").isEmpty();
	}

	@Test
	void everyPackageResourceLivesUnderTheProjectCanonical() {
		assertThat(profilePackage.resources()).allSatisfy(r -> assertThat(profilePackage.owns(r.getUrl())).isTrue());
	}

	@Test
	void aPainScoreProfileAppliesToEveryObservationCodedAsPainSeverity() {
		assertThat(profilePackage.implicitProfiles()).containsExactly(new ProfilePackage.ImplicitProfile(
				"Observation", "72514-3", "http://fibroplan.org/fhir/StructureDefinition/fm-pain-score"));
	}
}

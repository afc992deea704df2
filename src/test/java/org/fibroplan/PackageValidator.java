package org.fibroplan;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The FHIR validator with the fhir-profiles package and the core spec only — what any other FHIR server
 * loading the package would judge by. For tests that prove resources conform without a server.
 */
public final class PackageValidator {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static FhirValidator validator;

	private PackageValidator() {}

	/** Error messages for the resource, checked against the given profiles as well as those it claims. */
	public static List<String> errors(IBaseResource resource, List<String> profiles) {
		ValidationOptions options = new ValidationOptions();
		profiles.forEach(options::addProfile);
		return validator().validateWithResult(resource, options).getMessages().stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.map(SingleValidationMessage::toString)
				.toList();
	}

	private static synchronized FhirValidator validator() {
		if (validator == null) {
			PrePopulatedValidationSupport packageResources = new PrePopulatedValidationSupport(FHIR);
			try (Stream<Path> files = Files.list(Path.of("fhir-profiles"))) {
				for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("package.json")).toList()) {
					packageResources.addResource(FHIR.newJsonParser().parseResource(Files.readString(file)));
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			ValidationSupportChain chain = new ValidationSupportChain(
					packageResources,
					new DefaultProfileValidationSupport(FHIR),
					new CommonCodeSystemsTerminologyService(FHIR),
					new InMemoryTerminologyServerValidationSupport(FHIR),
					new SnapshotGeneratingValidationSupport(FHIR));
			validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
		}
		return validator;
	}
}

package org.fibroplan.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.fibroplan.fhir.ValidationTimer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.fibroplan.fhir.ConformantWrites;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Validates, before anything is stored, every resource that claims one of the project's profiles and
 * every resource a profile applies to by its code (a pain score is a pain score whether or not the app
 * says so). Everything else skips the full validator, which is the expensive part of a write.
 * An invalid resource is refused with 422 and an OperationOutcome naming each failing element; the
 * surrounding database transaction rolls back, so nothing is half-stored.
 */
@Component
@Interceptor
public class ProfileValidationInterceptor {

	private final FhirContext fhirContext;
	private final ProfilePackage profilePackage;
	private final List<ProfilePackage.ImplicitProfile> implicitProfiles;
	private final FhirValidator validator;
	private final Timer validationTimer;

	ProfileValidationInterceptor(
			FhirContext fhirContext,
			ProfilePackage profilePackage,
			@Qualifier("myInstanceValidator") IValidatorModule instanceValidator,
			MeterRegistry meters) {
		this.fhirContext = fhirContext;
		this.profilePackage = profilePackage;
		this.implicitProfiles = profilePackage.implicitProfiles();
		this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
		this.validationTimer = ValidationTimer.against(meters, "profile");
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		if (!ConformantWrites.isConformantByConstruction(request)) {
			validate(resource);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		if (!ConformantWrites.isConformantByConstruction(request)) {
			validate(resource);
		}
	}

	/** The project's profiles this resource must meet: those it claims plus those its code implies. */
	Set<String> profilesFor(IBaseResource resource) {
		Set<String> profiles = new LinkedHashSet<>();
		resource.getMeta().getProfile().stream()
				.map(IPrimitiveType::getValueAsString)
				.filter(profilePackage::owns)
				.forEach(profiles::add);
		String type = fhirContext.getResourceType(resource);
		List<String> codes = null;
		for (ProfilePackage.ImplicitProfile implicit : implicitProfiles) {
			if (!implicit.resourceType().equals(type)) {
				continue;
			}
			if (codes == null) {
				codes = codesOf(resource);
			}
			if (codes.contains(implicit.code())) {
				profiles.add(implicit.profileUrl());
			}
		}
		return profiles;
	}

	private void validate(IBaseResource resource) {
		Set<String> profiles = profilesFor(resource);
		if (profiles.isEmpty()) {
			return;
		}
		ValidationOptions options = new ValidationOptions();
		profiles.forEach(options::addProfile);
		ValidationResult result = validationTimer.record(() -> validator.validateWithResult(resource, options));
		List<SingleValidationMessage> errors = result.getMessages().stream()
				.filter(m -> m.getSeverity() != null && m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();
		if (!errors.isEmpty()) {
			throw new UnprocessableEntityException(fhirContext, outcome(fhirContext.getResourceType(resource), profiles, errors));
		}
	}

	private List<String> codesOf(IBaseResource resource) {
		FhirTerser terser = fhirContext.newTerser();
		return terser.getValues(resource, fhirContext.getResourceType(resource) + ".code.coding.code").stream()
				.map(v -> ((IPrimitiveType<?>) v).getValueAsString())
				.toList();
	}

	private static OperationOutcome outcome(String type, Set<String> profiles, List<SingleValidationMessage> errors) {
		OperationOutcome outcome = new OperationOutcome();
		for (SingleValidationMessage error : errors) {
			OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
					.setSeverity(error.getSeverity() == ResultSeverityEnum.FATAL
							? OperationOutcome.IssueSeverity.FATAL
							: OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.PROCESSING)
					.setDiagnostics(error.getMessage());
			if (error.getLocationString() != null) {
				issue.addExpression(error.getLocationString());
				issue.getLocation().add(new StringType(error.getLocationString()));
			}
		}
		outcome.getIssueFirstRep().getDetails().setText(
				type + " does not meet " + String.join(", ", profiles) + ": " + errors.size() + " error(s)");
		return outcome;
	}
}

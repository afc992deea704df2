package org.fibroplan.pro.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.fibroplan.fhir.ValidationTimer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Refuses, before anything is stored, a QuestionnaireResponse that FibroPlan could not score safely:
 * it must name a known, active instrument by url|version, be completed or in progress, be about a
 * Patient, not be authored in the future, and its answers must fit the Questionnaire (types, ranges,
 * answer options, required items when completed, nothing for disabled or unknown items, no linkId
 * twice, a read-only calculated item only with its calculated value). The answer is 422 with an
 * OperationOutcome that names each failing item by its linkId.
 */
@Component
@Interceptor
public class ResponseValidationInterceptor {

	/** Clocks differ a little between a patient's phone and the server. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
	private static final Pattern ITEM_PATH = Pattern.compile("^(.*item\\[\\d+\\])");
	/** The core R4 QuestionnaireResponse definition, by its canonical with or without the R4 version segment. */
	private static final Pattern CORE_DEFINITION = Pattern.compile("http://hl7\\.org/fhir/(4\\.0(\\.1)?/)?StructureDefinition/QuestionnaireResponse");

	private final FhirContext fhirContext;
	private final QuestionnaireCatalogue catalogue;
	private final FhirValidator validator;
	private final CalculatedAnswers calculated;
	private final Timer validationTimer;

	ResponseValidationInterceptor(
			FhirContext fhirContext,
			QuestionnaireCatalogue catalogue,
			@Qualifier("myInstanceValidator") IValidatorModule instanceValidator,
			MeterRegistry meters) {
		this.fhirContext = fhirContext;
		this.catalogue = catalogue;
		this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
		this.calculated = new CalculatedAnswers(fhirContext);
		this.validationTimer = ValidationTimer.against(meters, "questionnaire");
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource) {
		if (resource instanceof QuestionnaireResponse response) {
			validate(response);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof QuestionnaireResponse response) {
			validate(response);
		}
	}

	void validate(QuestionnaireResponse response) {
		Problems problems = new Problems();
		Questionnaire questionnaire = checkQuestionnaire(response, problems);
		if (response.getStatus() != QuestionnaireResponseStatus.COMPLETED
				&& response.getStatus() != QuestionnaireResponseStatus.INPROGRESS) {
			problems.add("QuestionnaireResponse.status", null,
					"status must be 'completed' or 'in-progress', not '" + (response.getStatus() == null ? "" : response.getStatus().toCode()) + "'");
		}
		if (!response.getSubject().hasReference() || !response.getSubject().getReference().startsWith("Patient/")) {
			problems.add("QuestionnaireResponse.subject", null, "subject must reference the Patient who answered");
		}
		if (response.hasAuthored() && response.getAuthored().toInstant().isAfter(Instant.now().plus(CLOCK_SKEW))) {
			problems.add("QuestionnaireResponse.authored", null, "authored is in the future");
		}
		if (questionnaire != null) {
			checkDuplicateLinkIds(response.getItem(), "QuestionnaireResponse", repeatingGroups(questionnaire.getItem()), problems);
		}
		if (questionnaire != null && problems.isEmpty()) {
			checkAnswers(response, problems);
		}
		if (questionnaire != null && problems.isEmpty()) {
			calculated.mismatches(response, questionnaire)
					.forEach(m -> problems.add(m.location(), m.linkId(), m.message()));
		}
		if (!problems.isEmpty()) {
			throw new UnprocessableEntityException(fhirContext, problems.outcome());
		}
	}

	private Questionnaire checkQuestionnaire(QuestionnaireResponse response, Problems problems) {
		String canonical = response.getQuestionnaire();
		if (canonical == null || !canonical.contains("|")) {
			problems.add("QuestionnaireResponse.questionnaire", null,
					"questionnaire must name the instrument and its version as url|version (for example "
							+ FhirTerms.PEG_QUESTIONNAIRE + "|1.0.0), not '" + canonical + "'");
			return null;
		}
		Questionnaire questionnaire = catalogue.find(canonical).orElse(null);
		if (questionnaire == null) {
			problems.add("QuestionnaireResponse.questionnaire", null, "no active Questionnaire " + canonical + " is known");
		}
		return questionnaire;
	}

	/** Only items the Questionnaire marks as repeating may appear more than once among their siblings. */
	private static void checkDuplicateLinkIds(
			List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items, String path, Set<String> repeating, Problems problems) {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < items.size(); i++) {
			var item = items.get(i);
			String itemPath = path + ".item[" + i + "]";
			if (!seen.add(item.getLinkId()) && !repeating.contains(item.getLinkId())) {
				problems.add(itemPath, item.getLinkId(), "item '" + item.getLinkId() + "' appears more than once");
			}
			checkDuplicateLinkIds(item.getItem(), itemPath, repeating, problems);
			for (int a = 0; a < item.getAnswer().size(); a++) {
				checkDuplicateLinkIds(item.getAnswer().get(a).getItem(), itemPath + ".answer[" + a + "]", repeating, problems);
			}
		}
	}

	private static Set<String> repeatingGroups(List<Questionnaire.QuestionnaireItemComponent> items) {
		Set<String> repeating = new HashSet<>();
		for (var item : items) {
			if (item.getRepeats() && item.getType() == Questionnaire.QuestionnaireItemType.GROUP) {
				repeating.add(item.getLinkId());
			}
			repeating.addAll(repeatingGroups(item.getItem()));
		}
		return repeating;
	}

	/** The FHIR validator knows how answers must fit a Questionnaire; its errors are named by item. */
	private void checkAnswers(QuestionnaireResponse response, Problems problems) {
		List<SingleValidationMessage> errors = validationTimer.record(() -> validator.validateWithResult(withoutCoreProfileClaims(response))).getMessages().stream()
				.filter(m -> m.getSeverity() != null && m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();
		for (SingleValidationMessage error : errors) {
			String location = error.getLocationString() == null ? "QuestionnaireResponse" : error.getLocationString();
			problems.add(location, linkIdAt(response, location), error.getMessage());
		}
	}

	/**
	 * Form fillers may claim the core QuestionnaireResponse definition in meta.profile, by its version-specific
	 * canonical (LHC-Forms: http://hl7.org/fhir/4.0/StructureDefinition/QuestionnaireResponse), which the
	 * validator cannot fetch and would refuse as an unknown profile. Every response is checked against the
	 * core definition anyway, so such a claim adds nothing to check; it is kept as sent in what is stored.
	 */
	static QuestionnaireResponse withoutCoreProfileClaims(QuestionnaireResponse response) {
		if (response.getMeta().getProfile().stream().noneMatch(p -> CORE_DEFINITION.matcher(String.valueOf(p.getValue())).matches())) {
			return response;
		}
		QuestionnaireResponse checked = response.copy();
		checked.getMeta().getProfile().removeIf(p -> CORE_DEFINITION.matcher(String.valueOf(p.getValue())).matches());
		return checked;
	}

	/** The linkId of the innermost item a validator location points into, if any. */
	private String linkIdAt(QuestionnaireResponse response, String location) {
		Matcher m = ITEM_PATH.matcher(location);
		if (!m.find()) {
			return null;
		}
		try {
			List<Base> found = fhirContext.newFhirPath().evaluate(response, m.group(1).replaceFirst("^QuestionnaireResponse\\.", "") + ".linkId", Base.class);
			return found.isEmpty() ? null : found.get(0).primitiveValue();
		} catch (RuntimeException e) {
			return null;
		}
	}

	/** Collects every problem so the patient's app can fix them all at once. */
	private static final class Problems {
		private final List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>();

		void add(String location, String linkId, String message) {
			OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent()
					.setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.INVALID)
					.setDiagnostics(linkId == null ? message : "Item '" + linkId + "': " + message);
			issue.addExpression(location);
			issue.getLocation().add(new StringType(location));
			if (linkId != null) {
				issue.getDetails().setText(linkId);
			}
			issues.add(issue);
		}

		boolean isEmpty() {
			return issues.isEmpty();
		}

		OperationOutcome outcome() {
			OperationOutcome outcome = new OperationOutcome();
			outcome.getIssue().addAll(issues);
			return outcome;
		}
	}
}

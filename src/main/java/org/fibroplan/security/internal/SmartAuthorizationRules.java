package org.fibroplan.security.internal;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationFlagsEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import org.fibroplan.security.SmartAccess;
import org.fibroplan.security.SmartScope;
import org.fibroplan.security.SmartScope.Context;
import org.fibroplan.security.SmartScope.Permission;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PlanDefinition;

/**
 * SMART scopes as HAPI authorization rules, built per request from the caller's token. Anything no
 * rule allows is denied (403 with an OperationOutcome).
 *
 * <p>Patient tokens reach only their own compartment, with these limits whatever the scopes say:
 * care plans, goals and referrals only once approved (drafts are for clinicians), no AuditEvents or Tasks, and
 * writes only of QuestionnaireResponses and Observations. They may read the published definitions apps
 * need (Questionnaires and terminology). User and system tokens get what their scopes name, except that
 * definitions are written only by knowledge authors and system clients. AuditEvents are created by the
 * server; through the API only a system client with an explicit AuditEvent scope may.
 */
class SmartAuthorizationRules extends AuthorizationInterceptor {

	/** What the answers and plans run on: written only by a knowledge author or a system client. */
	static final List<String> DEFINITIONS = List.of("Questionnaire", "PlanDefinition", "ActivityDefinition", "CodeSystem",
			"ValueSet", "ConceptMap", "StructureDefinition", "SearchParameter");

	private final PatientReach patientReach;

	SmartAuthorizationRules(PatientReach patientReach) {
		super(PolicyEnum.DENY);
		// HAPI cannot tell from an id alone whose compartment a history request is in; judge the resources
		// actually returned instead (patients' searches are already narrowed to their own compartment).
		// Deny rules would match every search under this flag, so the patient policy is written as allow
		// rules only, over an explicit list of types.
		setFlags(AuthorizationFlagsEnum.DO_NOT_PROACTIVELY_BLOCK_COMPARTMENT_READ_ACCESS);
		this.patientReach = patientReach;
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		IAuthRuleBuilder rules = new RuleBuilder();
		rules.allow("capability statement").metadata().andThen();
		SmartAccess access = SmartAccess.current().orElse(null);
		if (access == null) {
			return rules.denyAll("No SMART token").build();
		}
		if (access.isPatientContext()) {
			patientRules(rules, access);
		} else {
			clinicianAndSystemRules(rules, access);
		}
		rules.allow("transaction and batch entries, each checked by the rules above")
				.transaction().withAnyOperation().andApplyNormalRules().andThen();
		return rules.denyAll("Not allowed by the token's scopes").build();
	}

	private void patientRules(IAuthRuleBuilder rules, SmartAccess access) {
		if (access.patient() == null || access.patient().isBlank()) {
			rules.denyAll("The token has patient scopes but no patient context");
			return;
		}
		IdType self = new IdType("Patient", access.patient());
		// A batch answer holds each entry's own answer: a search's Bundle or a refusal's OperationOutcome.
		// Each entry was already judged as a request of its own; patients never request these types directly.
		rules.allow("the entries of a patient's batch").read().resourcesOfType("Bundle").withAnyId().andThen();
		rules.allow("the refusals in a patient's batch").read().resourcesOfType("OperationOutcome").withAnyId().andThen();
		for (SmartScope scope : access.scopes()) {
			if (scope.context() != Context.PATIENT) {
				continue;
			}
			if (scope.allows(Permission.READ) || scope.allows(Permission.SEARCH)) {
				PatientReach.APPROVED_ONLY.forEach((type, filter) -> {
					if (scope.appliesTo(type)) {
						rules.allow("patient's approved " + type).read().resourcesOfType(type)
								.inCompartmentWithFilter("Patient", self, filter).andThen();
					}
				});
				for (String type : patientReach.compartmentTypes) {
					if (scope.appliesTo(type)) {
						rules.allow("patient's own " + type).read().resourcesOfType(type).inCompartment("Patient", self).andThen();
					}
				}
				for (String definition : PatientReach.PUBLISHED_DEFINITIONS) {
					if (scope.appliesTo(definition)) {
						rules.allow("published " + definition).read().resourcesOfType(definition).withAnyId().andThen();
					}
				}
			}
			for (String type : PatientReach.WRITABLE) {
				if (!scope.appliesTo(type)) {
					continue;
				}
				if (scope.allows(Permission.CREATE)) {
					rules.allow("patient reports " + type).create().resourcesOfType(type)
							.inCompartment("Patient", self).andThen();
				}
				if (scope.allows(Permission.UPDATE)) {
					rules.allow("patient corrects " + type).write().resourcesOfType(type)
							.inCompartment("Patient", self).andThen();
				}
			}
		}
	}

	private static void clinicianAndSystemRules(IAuthRuleBuilder rules, SmartAccess access) {
		boolean explicitAuditWrite = access.scopes().stream()
				.anyMatch(s -> s.context() == Context.SYSTEM && "AuditEvent".equals(s.resourceType()) && s.allows(Permission.CREATE));
		if (!explicitAuditWrite) {
			rules.deny("audit records are written by the server").create().resourcesOfType("AuditEvent").withAnyId().andThen();
		}
		// Updates, patches, deletes and meta changes of AuditEvents and Provenance are refused for everyone
		// by the audit module (405): the trail is append-only.
		if (!access.isSystemContext() && !access.hasRole(SmartAccess.KNOWLEDGE_AUTHOR)) {
			for (String type : DEFINITIONS) {
				String reason = type + " resources are written by knowledge authors and system clients";
				rules.deny(reason).create().resourcesOfType(type).withAnyId().andThen();
				rules.deny(reason).write().resourcesOfType(type).withAnyId().andThen();
				rules.deny(reason).delete().resourcesOfType(type).withAnyId().andThen();
			}
		}
		for (SmartScope scope : access.scopes()) {
			if (scope.context() == Context.PATIENT) {
				continue;
			}
			if (scope.allows(Permission.READ) || scope.allows(Permission.SEARCH)) {
				types(rules.allow(scope + " read").read(), scope).withAnyId().andThen();
			}
			if (scope.allows(Permission.READ) && scope.appliesTo("CarePlan")) {
				// $apply only reads: who may read care plans may ask what the rules would draft.
				rules.allow(scope + " $apply").operation().named("$apply").onInstancesOfType(PlanDefinition.class)
						.andRequireExplicitResponseAuthorization().andThen();
				// $assessment reads what the plan is drafted from: the same reach as reading plans.
				rules.allow(scope + " $assessment").operation().named("$assessment").onInstancesOfType(Patient.class)
						.andAllowAllResponses().andThen();
			}
			if (scope.allows(Permission.CREATE)) {
				types(rules.allow(scope + " create").create(), scope).withAnyId().andThen();
				conditional(rules.allow(scope + " conditional create").createConditional(), scope);
			}
			if (scope.allows(Permission.UPDATE)) {
				types(rules.allow(scope + " update").write(), scope).withAnyId().andThen();
				conditional(rules.allow(scope + " conditional update").updateConditional(), scope);
				rules.allow(scope + " patch").patch().allRequests().andThen();
			}
			if (scope.allows(Permission.DELETE)) {
				types(rules.allow(scope + " delete").delete(), scope).withAnyId().andThen();
				conditional(rules.allow(scope + " conditional delete").deleteConditional(), scope);
			}
			if (scope.isWildcard() && scope.permissions().size() == Permission.values().length) {
				rules.allow(scope + " operations").operation().withAnyName().atAnyLevel().andAllowAllResponses().andThen();
			}
		}
	}

	private static IAuthRuleBuilderRuleOpClassifier types(IAuthRuleBuilderRuleOp op, SmartScope scope) {
		return scope.isWildcard() ? op.allResources() : op.resourcesOfType(scope.resourceType());
	}

	private static void conditional(ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleConditional op, SmartScope scope) {
		(scope.isWildcard() ? op.allResources() : op.resourcesOfType(scope.resourceType())).andThen();
	}
}

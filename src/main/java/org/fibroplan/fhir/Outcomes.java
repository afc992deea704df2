package org.fibroplan.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;

/** The OperationOutcome a refusal carries: one error issue, its type, and words the caller can act on. */
public final class Outcomes {

	private Outcomes() {}

	public static OperationOutcome error(IssueType type, String diagnostics) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
		return outcome;
	}

	/** The same, naming the refused element by a FHIRPath expression (e.g. "PlanDefinition"). */
	public static OperationOutcome error(IssueType type, String diagnostics, String expression) {
		OperationOutcome outcome = error(type, diagnostics);
		outcome.getIssueFirstRep().addExpression(expression);
		return outcome;
	}
}

package org.fibroplan.careplan.internal.rules;

import java.util.List;
import java.util.Optional;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;

/**
 * One recommendation or finding an activity rests on, as its ActivityDefinition states it (extension
 * evidence-statement): the citation it comes from, what it says, whether it covers the activity itself or
 * only a broader class the activity belongs to, the strength the source gives it, if any, and where in the
 * source it was checked against the source's own wording, if it was.
 */
public record EvidenceStatement(
		String source,
		String statement,
		Scope scope,
		Optional<String> broaderClass,
		Optional<String> grade,
		Optional<String> condition,
		Optional<String> certainty,
		Optional<String> note,
		Optional<String> checked) {

	/** How much of the activity the statement covers (CodeSystem evidence-scope). */
	public enum Scope {
		DIRECT("direct"), BROADER_CLASS("broader-class");

		private final String code;

		Scope(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}

		static Scope of(String code) {
			for (Scope scope : values()) {
				if (scope.code.equals(code)) {
					return scope;
				}
			}
			throw new IllegalArgumentException("evidence-statement scope must be direct or broader-class, not " + code);
		}
	}

	/** The statements of an ActivityDefinition, in the order it gives them. */
	public static List<EvidenceStatement> of(ActivityDefinition activity) {
		return activity.getExtensionsByUrl(FhirTerms.EVIDENCE_STATEMENT).stream().map(EvidenceStatement::of).toList();
	}

	private static EvidenceStatement of(Extension extension) {
		return new EvidenceStatement(
				text(extension, "source").orElse(""),
				text(extension, "statement").orElse(""),
				Scope.of(text(extension, "scope").orElse("")),
				text(extension, "class"),
				Optional.ofNullable(extension.getExtensionByUrl("grade")).map(Extension::getValue)
						.filter(Coding.class::isInstance).map(c -> ((Coding) c).getCode()),
				text(extension, "condition"),
				text(extension, "certainty"),
				text(extension, "note"),
				text(extension, "checked"));
	}

	private static Optional<String> text(Extension extension, String part) {
		return Optional.ofNullable(extension.getExtensionByUrl(part)).map(Extension::getValue)
				.map(v -> v.primitiveValue()).filter(v -> !v.isBlank());
	}

	/** Whether the source grades the statement (a review, a principle or a dose grades nothing). */
	public boolean graded() {
		return grade.isPresent();
	}
}

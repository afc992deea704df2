package org.fibroplan.careplan.internal.rules;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.RelatedArtifact;

/**
 * The rule an activity's evidence grade is held to (docs/clinical/evidence.md): it may claim no more than
 * the statements its ActivityDefinition rests on. A strong or weak grade, for or against, needs a statement
 * that covers the activity directly with that grade; a grade that reaches the activity only through a
 * broader class ("exercise" for a stretch) makes it not-graded-alone, and the grade text names that class;
 * self-management advice no source grades is no-graded-evidence. Compiling the rules applies it, so an
 * ActivityDefinition that claims more than its sources is refused like any other broken definition.
 */
public final class EvidenceGrading {

	public static final String NOT_GRADED_ALONE = "not-graded-alone";
	public static final String NO_GRADED_EVIDENCE = "no-graded-evidence";
	static final Set<String> STRENGTHS = Set.of("strong-for", "weak-for", "weak-against", "strong-against");

	private EvidenceGrading() {}

	/** Throws IllegalArgumentException saying what is wrong when the grade claims more than the statements, or a statement is incomplete. */
	public static void check(ActivityDefinition activity, CodeableConcept grade) {
		List<EvidenceStatement> statements = EvidenceStatement.of(activity);
		if (statements.isEmpty()) {
			throw new IllegalArgumentException(name(activity) + " states no recommendation it rests on (extension evidence-statement)");
		}
		Set<String> citations = activity.getRelatedArtifact().stream()
				.filter(a -> a.getType() == RelatedArtifact.RelatedArtifactType.CITATION && a.hasLabel())
				.map(RelatedArtifact::getLabel).collect(Collectors.toSet());
		for (EvidenceStatement statement : statements) {
			if (!citations.contains(statement.source())) {
				throw new IllegalArgumentException(name(activity) + ": evidence statement names source '" + statement.source()
						+ "', which is not one of its relatedArtifact citations " + citations);
			}
			if (statement.statement().isBlank()) {
				throw new IllegalArgumentException(name(activity) + ": the evidence statement from " + statement.source() + " says nothing");
			}
			if (statement.scope() == EvidenceStatement.Scope.BROADER_CLASS && statement.broaderClass().isEmpty()) {
				throw new IllegalArgumentException(name(activity) + ": the broader-class statement from " + statement.source() + " names no class");
			}
			statement.grade().filter(g -> !STRENGTHS.contains(g)).ifPresent(g -> {
				throw new IllegalArgumentException(name(activity) + ": a source grades a statement " + STRENGTHS + ", not " + g);
			});
		}
		String code = grade.getCodingFirstRep().getCode();
		String text = grade.hasText() ? grade.getText() : "";
		if (text.isBlank()) {
			throw new IllegalArgumentException(name(activity) + ": grade " + code + " has no text naming its source");
		}
		List<EvidenceStatement> direct = statements.stream().filter(s -> s.scope() == EvidenceStatement.Scope.DIRECT && s.graded()).toList();
		List<EvidenceStatement> broader = statements.stream().filter(s -> s.scope() == EvidenceStatement.Scope.BROADER_CLASS && s.graded()).toList();
		if (STRENGTHS.contains(code)) {
			if (direct.stream().noneMatch(s -> s.grade().get().equals(code))) {
				throw new IllegalArgumentException(name(activity) + " claims " + code + ", but no statement covering the activity directly gives it"
						+ (broader.stream().anyMatch(s -> s.grade().get().equals(code))
								? " (a grade for a broader class makes it " + NOT_GRADED_ALONE + ")" : ""));
			}
		} else if (NOT_GRADED_ALONE.equals(code)) {
			if (!direct.isEmpty()) {
				throw new IllegalArgumentException(name(activity) + " is graded directly by " + direct.get(0).source() + ": give that grade, not " + code);
			}
			if (broader.isEmpty()) {
				throw new IllegalArgumentException(name(activity) + " claims to be part of a graded class, but no statement grades a broader class: use " + NO_GRADED_EVIDENCE);
			}
			if (broader.stream().noneMatch(s -> text.toLowerCase().contains(s.broaderClass().get().toLowerCase()))) {
				throw new IllegalArgumentException(name(activity) + ": grade text '" + text + "' does not say which class it is part of ("
						+ broader.stream().map(s -> s.broaderClass().get()).distinct().collect(Collectors.joining(", ")) + ")");
			}
		} else if (NO_GRADED_EVIDENCE.equals(code)) {
			if (!direct.isEmpty() || !broader.isEmpty()) {
				throw new IllegalArgumentException(name(activity) + " says no graded evidence, but "
						+ (direct.isEmpty() ? broader : direct).get(0).source() + " grades it");
			}
		} else {
			throw new IllegalArgumentException(name(activity) + ": unknown evidence grade " + code);
		}
	}

	private static String name(ActivityDefinition activity) {
		return "ActivityDefinition " + activity.getUrl();
	}
}

package org.fibroplan.careplan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.fibroplan.careplan.internal.assessment.AssessmentVariables;
import org.fibroplan.careplan.internal.rules.Rule;
import org.fibroplan.careplan.internal.rules.RuleSet;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * docs/clinical/rules.md is generated from the PlanDefinition and ActivityDefinitions, and this test fails
 * when the two differ, so the document a clinician reads is always the rules the server runs. To update
 * it after editing the rules: {@code mvn test -Dtest=RulesDocumentTest -Dfibroplan.rules.write=true}.
 */
class RulesDocumentTest {

	static final Path DOCUMENT = Path.of("docs/clinical/rules.md");

	@Test
	void theRulesDocumentIsTheRulesTheServerRuns() throws IOException {
		AssessmentVariables variables = PlanStoriesTest.KNOWLEDGE.current().vocabulary().variables();
		assertThat(variables.names()).as("every assessment variable is described")
				.allSatisfy(name -> assertThat(variables.variable(name).orElseThrow().definition()).as(name).isNotBlank());
		String generated = generate();
		if (Boolean.getBoolean("fibroplan.rules.write")) {
			Files.writeString(DOCUMENT, generated);
		}
		assertThat(Files.readString(DOCUMENT))
				.as("docs/clinical/rules.md is out of date: run mvn test -Dtest=RulesDocumentTest -Dfibroplan.rules.write=true")
				.isEqualTo(generated);
	}

	static String generate() {
		Definitions definitions = PackageDefinitions.INSTANCE;
		RuleSet rules = PlanStoriesTest.KNOWLEDGE.current().rules();
		PlanDefinition plan = rules.planDefinition();
		StringBuilder md = new StringBuilder();
		md.append("# Care-plan rules\n\n");
		md.append("Generated from `fhir-profiles/PlanDefinition-").append(plan.getIdElement().getIdPart()).append(".json` (")
				.append(plan.getUrl()).append(" version ").append(plan.getVersion())
				.append(") and its ActivityDefinitions by `RulesDocumentTest`, which fails when this page and the rules differ. ")
				.append("Edit the rules, not this page, then run `mvn test -Dtest=RulesDocumentTest -Dfibroplan.rules.write=true`.\n\n");
		md.append("How the rules run: on every completed answer set or directly posted pain score, FibroPlan builds the patient's ")
				.append("assessment from all stored Observations and red-flag Flags, evaluates every rule's FHIRPath condition against it ")
				.append("(`%name` is an assessment variable; a missing value makes a comparison false), and drafts one activity per ")
				.append("ActivityDefinition whose rule holds, with the rule's rationale (`{{...}}` filled from the assessment, `[[...]]` ")
				.append("left out when a value is missing), its evidence grade, and the Observations behind the variables the rule reads ")
				.append("as `reasonReference`. While any red flag is active, every activity in the ValueSet below leaves the plan, whoever ")
				.append("added it. A clinician's removals, additions and changes are kept across later revisions (the urgent review cannot ")
				.append("be removed while a red flag is active: a clinician closes the Flag instead). Software never orders a drug.\n\n");
		// The clinical choices live in the PlanDefinition's usage, so they change with the rules they explain.
		if (plan.hasUsage()) {
			md.append("## Decisions behind the rules\n\n").append(plan.getUsage().strip()).append("\n\n");
		}

		md.append("## Rules\n\n| # | rule | applies when | FHIRPath condition | activity | dose | evidence | sources | goals |\n|---|---|---|---|---|---|---|---|---|\n");
		int n = 0;
		for (Rule rule : rules.rules()) {
			ActivityDefinition activity = rule.activity();
			String dose = activity.hasTimingTiming() && activity.getTimingTiming().getCode().hasText() ? activity.getTimingTiming().getCode().getText() : "-";
			String sources = rule.action().getDocumentation().stream().map(RelatedArtifact::getLabel).collect(Collectors.joining(", "));
			md.append("| ").append(++n).append(" | `").append(rule.id()).append("` | ").append(cell(rule.conditionDescription()))
					.append(" | `").append(cell(rule.condition().text())).append("` | ").append(cell(activity.getTitle()))
					.append(" | ").append(cell(dose)).append(" | ").append(cell(grade(rule.evidenceGrade())))
					.append(" | ").append(cell(sources)).append(" | ").append(rule.goalIds().isEmpty() ? "-" : String.join(", ", rule.goalIds()))
					.append(" |\n");
		}

		md.append("\n## Goals\n\n| goal | description | measure | target | due |\n|---|---|---|---|---|\n");
		for (var goal : rules.goals()) {
			var target = goal.getTargetFirstRep();
			String detail = target.hasDetailQuantity()
					? target.getDetailQuantity().getComparator().toCode() + " " + target.getDetailQuantity().getValue().toPlainString() + " " + target.getDetailQuantity().getUnit()
					: "-";
			md.append("| `").append(goal.getId()).append("` | ").append(cell(goal.getDescription().getText())).append(" | ")
					.append(target.getMeasure().getCodingFirstRep().getSystem()).append("#").append(target.getMeasure().getCodingFirstRep().getCode())
					.append(" | ").append(detail).append(" | ").append(target.getDue().getValue().toPlainString()).append(" ").append(target.getDue().getUnit()).append(" |\n");
		}
		md.append("\nA target in `% of baseline` becomes a number once the measure has a baseline (e.g. 70 % of a baseline of 8 is 5.6).\n");

		md.append("\n## Baseline, change and goal progress\n\n");
		md.append("- **Baseline**: the patient's PEG, worst pain, HOOS JR and each site's pain score on or before the approval of their first plan. ")
				.append("Every plan, draft or active, names those Observations in `CarePlan.supportingInfo`; later approvals keep them; only a clinician's ")
				.append("edit of supportingInfo (marked clinician-edit) sets a new baseline. Before the first approval the baseline is what approval would fix: ")
				.append("the latest values. A measure first scored after approval takes its first score as baseline.\n");
		md.append("- **Change against the baseline** (").append(cell(definitions.get(CodeSystem.class, FhirTerms.PAIN_CHANGE).getUrl())).append(", IMMPACT: ")
				.append("Dworkin RH et al., J Pain 2008;9:105-121): ");
		CodeSystem change = definitions.get(CodeSystem.class, FhirTerms.PAIN_CHANGE);
		md.append(change.getConcept().stream().map(c -> "`" + c.getCode() + "` " + c.getDisplay()).collect(Collectors.joining("; "))).append(". ")
				.append("A rise below the deterioration thresholds is no important change; a flare is a rise of as much from the previous value.\n");
		md.append("- **Goals**: on approval a plan's goals become active with the approval date as start and due dates counted from it. ")
				.append("Each new score of a goal's measure sets its achievementStatus in the answer's transaction: achieved when the target is met, ")
				.append("else improving, worsening or no-change by the change category against the baseline, in-progress for a measure without one.\n");

		md.append("\n## Activities a red flag puts on hold\n\n");
		ValueSet paused = definitions.get(ValueSet.class, FhirTerms.PAUSED_BY_RED_FLAG);
		paused.getCompose().getInclude().forEach(include -> md.append("- ").append(include.getSystem()).append(": ")
				.append(include.getConcept().stream().map(c -> c.getCode()).collect(Collectors.joining(", "))).append("\n"));

		md.append("\n## Activity catalogue\n\n| activity | what the patient reads | default evidence | kind |\n|---|---|---|---|\n");
		for (ActivityDefinition activity : rules.catalogue().values()) {
			md.append("| `").append(activity.getIdElement().getIdPart()).append("` | ").append(cell(activity.getDescription())).append(" | ")
					.append(cell(grade((CodeableConcept) activity.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE).getValue()))).append(" | ")
					.append(activity.hasKind() ? activity.getKind().toCode() + " (referral)" : "plan activity").append(" |\n");
		}

		md.append("\n## Assessment variables\n\n")
				.append("Defined in `fhir-profiles/CodeSystem-assessment-variable.json` (").append(FhirTerms.ASSESSMENT_VARIABLE)
				.append("): a rule naming any other variable is refused when the rules are compiled. Which Observation codes feed ")
				.append("which variable is in `fhir-profiles/ConceptMap-observation-assessment-variable.json` (")
				.append(FhirTerms.OBSERVATION_VARIABLE_MAP).append("). Edit those, not this table.\n\n")
				.append("| variable | meaning | derived as | type | fed by |\n|---|---|---|---|---|\n");
		AssessmentVariables variables = PlanStoriesTest.KNOWLEDGE.current().vocabulary().variables();
		for (String name : variables.names()) {
			AssessmentVariables.Variable variable = variables.variable(name).orElseThrow();
			String derivation = variable.derivation() + (variable.of().isEmpty() ? "" : " of " + String.join(", ", variable.of()));
			String fedBy = variables.feedsOf(name).stream().map(RulesDocumentTest::fedBy).collect(Collectors.joining("; "));
			md.append("| `%").append(name).append("` | ").append(cell(variable.definition())).append(changeCategories(definitions, variable))
					.append(" | ").append(cell(derivation)).append(" | ").append(variable.valueType())
					.append(" | ").append(fedBy.isEmpty() ? "-" : cell(fedBy)).append(" |\n");
		}

		md.append("\n## Sources\n\n");
		Map<String, String> citations = new LinkedHashMap<>();
		plan.getRelatedArtifact().forEach(a -> citations.putIfAbsent(a.getLabel(), a.getCitation()));
		rules.rules().forEach(rule -> rule.action().getDocumentation().forEach(a -> citations.putIfAbsent(a.getLabel(), a.getCitation())));
		citations.forEach((label, citation) -> md.append("- **").append(label).append("**: ").append(citation).append("\n"));
		md.append("\nThresholds marked with the source `project` are FibroPlan's own choices, not taken from a published source: ")
				.append("a clinician should confirm or change them (edit the PlanDefinition).\n");
		return md.toString();
	}

	private static String fedBy(AssessmentVariables.Feed feed) {
		return feed.system() + "#" + feed.code() + feed.site().map(site -> " at bodySite " + site).orElse("")
				+ feed.component().map(part -> " component " + part.getCode()).orElse("");
	}

	/** The IMMPACT categories as CodeSystem pain-change defines them, so the table cannot drift from it. */
	private static String changeCategories(Definitions definitions, AssessmentVariables.Variable variable) {
		if (!variable.derivation().equals("improvement")) {
			return "";
		}
		CodeSystem change = definitions.get(CodeSystem.class, FhirTerms.PAIN_CHANGE);
		// The flare is counted from the previous value, not from the baseline: it is no category of change from baseline.
		return " (" + change.getConcept().stream().filter(c -> !property(c, "compared-with").equals("previous-value"))
				.map(c -> c.getCode() + c.getProperty().stream().filter(p -> p.getCode().equals("reduction-percent")).findFirst()
						.map(p -> " " + p.getValue().primitiveValue() + " % or more lower")
						.orElse(" " + property(c, "rise-percent") + " % or " + property(c, "rise-points") + " points or more higher"))
				.collect(Collectors.joining(", ")) + ")";
	}

	private static String property(CodeSystem.ConceptDefinitionComponent concept, String code) {
		return concept.getProperty().stream().filter(p -> p.getCode().equals(code)).map(p -> p.getValue().primitiveValue()).findFirst().orElse("");
	}

	private static String grade(CodeableConcept grade) {
		return grade.getCodingFirstRep().getCode() + (grade.hasText() ? ": " + grade.getText() : "");
	}

	private static String cell(String text) {
		return text == null ? "-" : text.replace("|", "\\|").replace("\n", " ");
	}
}

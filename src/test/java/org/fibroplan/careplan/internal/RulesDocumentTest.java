package org.fibroplan.careplan.internal;

import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.rules.Definitions;
import org.fibroplan.careplan.internal.rules.Rule;
import org.fibroplan.careplan.internal.rules.RuleSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ActivityDefinition;
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

	/** What each assessment variable means; every variable the engine offers must be described here. */
	static final Map<String, String> VARIABLES = new LinkedHashMap<>();

	static {
		VARIABLES.put("painSite", "sites whose latest pain rating is 1 or more: left-hip, right-hip, lower-back, buttock (ConceptMap pain-site maps the SNOMED CT body sites; a hip-region code takes its side from the laterality extension)");
		VARIABLES.put("painSiteText", "the same, in words with the ratings (for rationales)");
		VARIABLES.put("leftHipPain", "latest pain rating 0-10 at the left hip (also rightHipPain, lowerBackPain, buttockPain)");
		VARIABLES.put("rightHipPain", "latest pain rating at the right hip");
		VARIABLES.put("lowerBackPain", "latest pain rating at the lower back");
		VARIABLES.put("buttockPain", "latest pain rating at the buttock");
		VARIABLES.put("worstPain", "latest worst pain overall 0-10 (pain-nrs worst-overall); with worstPainBaseline, worstPainChangePercent, worstPainChangePoints, worstPainImprovement as for PEG");
		VARIABLES.put("worstPainBaseline", "first worst-pain rating of the current plan period");
		VARIABLES.put("worstPainChangePercent", "change of worst pain from baseline, percent (negative = better)");
		VARIABLES.put("worstPainChangePoints", "change of worst pain from baseline, points");
		VARIABLES.put("worstPainImprovement", "IMMPACT category of that change (CodeSystem pain-change)");
		VARIABLES.put("peg", "latest PEG score (mean of the three items, 0-10)");
		VARIABLES.put("pegBaseline", "first PEG score of the current plan period (the first ever when no plan is active)");
		VARIABLES.put("pegChangePercent", "change of PEG from baseline in percent, rounded (negative = better)");
		VARIABLES.put("pegChangePoints", "change of PEG from baseline in points");
		VARIABLES.put("pegImprovement", "IMMPACT category of the PEG change: substantial (50 % or more lower), moderate (30 %), minimal (10 %), none, worse");
		VARIABLES.put("pegActivity", "latest PEG item 'interference with general activity' 0-10");
		VARIABLES.put("pegEnjoyment", "latest PEG item 'interference with enjoyment of life' 0-10");
		VARIABLES.put("phq2", "latest PHQ-2 total 0-6");
		VARIABLES.put("phq2Positive", "true when the latest PHQ-2 is a positive screen (3 or more, from the Questionnaire's score bands)");
		VARIABLES.put("gad2", "latest GAD-2 total 0-6");
		VARIABLES.put("gad2Positive", "true when the latest GAD-2 is a positive screen");
		VARIABLES.put("wpi", "latest Widespread Pain Index 0-19");
		VARIABLES.put("sss", "latest Symptom Severity Scale 0-12");
		VARIABLES.put("fmSeverity", "latest fibromyalgia severity (WPI + SSS) 0-31");
		VARIABLES.put("fmSeverityBand", "its band: fms-remission, fms-mild, fms-moderate, fms-severe, fms-very-severe");
		VARIABLES.put("acrCriteriaMet", "latest ACR 2016 criteria result");
		VARIABLES.put("hoosJrRaw", "latest HOOS JR raw score 0-24 (higher = more difficulty; the interval table is unverified, see instruments.md)");
		VARIABLES.put("hoosJrRawBaseline", "first HOOS JR raw score of the current plan period");
		VARIABLES.put("exerciseMinutes", "exercise minutes in a usual week (latest fm-context)");
		VARIABLES.put("sleepQuality", "sleep quality code (latest fm-context): sleep-very-good, sleep-fairly-good, sleep-fairly-bad, sleep-very-bad");
		VARIABLES.put("sleepQualityText", "the same in words");
		VARIABLES.put("recentHipProcedure", "hip surgery or injection in the last 3 months (latest fm-context)");
		VARIABLES.put("poolAccess", "can get to a pool (latest fm-context)");
		VARIABLES.put("prefers", "treatments the patient would try (latest fm-context): pref-acupuncture, pref-massage, pref-yoga-tai-chi, pref-group-exercise, pref-home-exercise");
		VARIABLES.put("flareTrigger", "usual flare triggers (latest fm-context): trigger-stress, trigger-overexertion, trigger-poor-sleep, trigger-weather");
		VARIABLES.put("flareTriggerText", "the same in words");
		VARIABLES.put("redFlag", "codes of active red flags: every active Flag, and every yes to a red-flag question that no Flag names yet (CodeSystem red-flag)");
		VARIABLES.put("redFlagText", "the same in words");
		VARIABLES.put("emergencyRedFlag", "true when any active red flag is an emergency (same day) one");
		VARIABLES.put("flare", "true when a pain site or PEG rose by 2 points or 30 % from the previous value (CodeSystem pain-change, flare)");
		VARIABLES.put("flareText", "what rose, from and to");
		VARIABLES.put("weeksOnPlan", "whole weeks since the treatment period of the active plan started (empty when no plan is active)");
	}

	@Test
	void theRulesDocumentIsTheRulesTheServerRuns() throws IOException {
		assertThat(VARIABLES.keySet()).as("every assessment variable is described").containsExactlyInAnyOrderElementsOf(Assessment.VARIABLES);
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

		md.append("\n## Activities a red flag puts on hold\n\n");
		ValueSet paused = definitions.get(ValueSet.class, CarePlanTerms.PAUSED_BY_RED_FLAG);
		paused.getCompose().getInclude().forEach(include -> md.append("- ").append(include.getSystem()).append(": ")
				.append(include.getConcept().stream().map(c -> c.getCode()).collect(Collectors.joining(", "))).append("\n"));

		md.append("\n## Activity catalogue\n\n| activity | what the patient reads | default evidence | kind |\n|---|---|---|---|\n");
		for (ActivityDefinition activity : rules.catalogue().values()) {
			md.append("| `").append(activity.getIdElement().getIdPart()).append("` | ").append(cell(activity.getDescription())).append(" | ")
					.append(cell(grade((CodeableConcept) activity.getExtensionByUrl(CarePlanTerms.EVIDENCE_GRADE).getValue()))).append(" | ")
					.append(activity.hasKind() ? activity.getKind().toCode() + " (referral)" : "plan activity").append(" |\n");
		}

		md.append("\n## Assessment variables\n\n| variable | meaning |\n|---|---|\n");
		VARIABLES.forEach((name, meaning) -> md.append("| `%").append(name).append("` | ").append(cell(meaning)).append(" |\n"));

		md.append("\n## Sources\n\n");
		Map<String, String> citations = new LinkedHashMap<>();
		plan.getRelatedArtifact().forEach(a -> citations.putIfAbsent(a.getLabel(), a.getCitation()));
		rules.rules().forEach(rule -> rule.action().getDocumentation().forEach(a -> citations.putIfAbsent(a.getLabel(), a.getCitation())));
		citations.forEach((label, citation) -> md.append("- **").append(label).append("**: ").append(citation).append("\n"));
		md.append("\nThresholds marked with the source `project` are FibroPlan's own choices, not taken from a published source: ")
				.append("a clinician should confirm or change them (edit the PlanDefinition).\n");
		return md.toString();
	}

	private static String grade(CodeableConcept grade) {
		return grade.getCodingFirstRep().getCode() + (grade.hasText() ? ": " + grade.getText() : "");
	}

	private static String cell(String text) {
		return text == null ? "-" : text.replace("|", "\\|").replace("\n", " ");
	}
}

package org.fibroplan.careplan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.assessment.AssessmentBuilder;
import org.fibroplan.careplan.internal.assessment.PatientRecord;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.careplan.internal.rules.RuleSet;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Which Observation feeds which assessment variable, and which variables rules may name, are data in fhir-profiles/. */
class AssessmentVariablesTest {

	private static final String LOINC = "http://loinc.org";
	private static final String PHQ9_TOTAL = "44261-6";

	@Test
	void theVariablesRulesAndTestsUseAreTheOnesTheCodeSystemDefines() {
		assertThat(PlanStoriesTest.KNOWLEDGE.current().vocabulary().variables().names()).containsExactly(
				"painSite", "painSiteText", "leftHipPain", "rightHipPain", "lowerBackPain", "buttockPain",
				"worstPain", "worstPainBaseline", "worstPainChangePercent", "worstPainChangePoints", "worstPainImprovement",
				"peg", "pegBaseline", "pegChangePercent", "pegChangePoints", "pegImprovement", "pegActivity", "pegEnjoyment",
				"phq2", "phq2Positive", "gad2", "gad2Positive",
				"wpi", "sss", "fmSeverity", "fmSeverityBand", "acrCriteriaMet", "hoosJrRaw", "hoosJrRawBaseline",
				"exerciseMinutes", "sleepQuality", "sleepQualityText", "recentHipProcedure", "poolAccess", "prefers",
				"flareTrigger", "flareTriggerText",
				"redFlag", "redFlagText", "emergencyRedFlag", "flare", "flareText", "weeksOnPlan");
	}

	@Test
	void aRuleNamingAVariableTheCodeSystemDoesNotDefineIsRefused() {
		PlanDefinition rules = withPhq9Rule();

		assertThatThrownBy(() -> new CarePlanKnowledge(PackageDefinitions.INSTANCE, FhirContext.forR4Cached()).forRules(rules))
				.isInstanceOf(RuleSet.InvalidRulesException.class)
				.hasMessageContaining("action phq9-review")
				.hasMessageContaining("Unknown assessment variable %phq9 in: %redFlag.empty() and %phq9 >= 10");
	}

	@Test
	void aNewObservationCodeFeedsAVariableWhenTheConceptMapSaysSoWithoutJavaChanges() {
		Observation score = phq9(12);

		assertThat(assess(PackageDefinitions.INSTANCE, score).has("phq2")).as("the shipped map does not read PHQ-9").isFalse();

		Definitions edited = edited(Map.of(FhirTerms.OBSERVATION_VARIABLE_MAP, mapping(PHQ9_TOTAL, "phq2")));
		Assessment assessment = assess(edited, score);
		assertThat(assessment.value("phq2")).extracting(v -> v.primitiveValue()).containsExactly("12");
		assertThat(assessment.sources(List.of("phq2"))).containsExactly("Observation/phq9-1");
	}

	@Test
	void aNewVariableInTheCodeSystemFedByANewCodeCanBeNamedByARule() {
		CodeSystem variables = PackageDefinitions.INSTANCE.get(CodeSystem.class, FhirTerms.ASSESSMENT_VARIABLE).copy();
		variables.addConcept().setCode("phq9").setDisplay("PHQ-9 total").setDefinition("latest PHQ-9 total 0-27")
				.addProperty(new CodeSystem.ConceptPropertyComponent().setCode("derivation").setValue(new CodeType("latest")))
				.addProperty(new CodeSystem.ConceptPropertyComponent().setCode("value-type").setValue(new CodeType("decimal")));
		Definitions edited = edited(Map.of(FhirTerms.ASSESSMENT_VARIABLE, variables,
				FhirTerms.OBSERVATION_VARIABLE_MAP, mapping(PHQ9_TOTAL, "phq9")));
		CarePlanKnowledge knowledge = new CarePlanKnowledge(edited, FhirContext.forR4Cached());

		var compiled = knowledge.forRules(withPhq9Rule()).rules().rules().stream().filter(r -> r.id().equals("phq9-review")).findFirst().orElseThrow();
		Assessment assessment = new AssessmentBuilder(knowledge.current().vocabulary()).build(record(phq9(12)), PatientStory.START.plusSeconds(3600));

		assertThat(knowledge.expressions().holds(compiled.condition(), assessment)).isTrue();
	}

	private static PlanDefinition withPhq9Rule() {
		PlanDefinition rules = PackageDefinitions.INSTANCE.get(PlanDefinition.class, FhirTerms.RULES).copy();
		rules.setVersion(rules.getVersion() + "-phq9");
		var action = rules.getAction().stream().filter(a -> a.getId().equals("mood-clinician-note")).findFirst().orElseThrow().copy();
		action.setId("phq9-review");
		action.getConditionFirstRep().getExpression().setExpression("%redFlag.empty() and %phq9 >= 10");
		rules.addAction(action);
		return rules;
	}

	private static ConceptMap mapping(String loinc, String variable) {
		ConceptMap map = PackageDefinitions.INSTANCE.get(ConceptMap.class, FhirTerms.OBSERVATION_VARIABLE_MAP).copy();
		map.getGroup().stream().filter(g -> LOINC.equals(g.getSource())).findFirst().orElseThrow()
				.addElement().setCode(loinc).addTarget().setCode(variable).setEquivalence(ConceptMapEquivalence.RELATEDTO);
		return map;
	}

	/** The package as it is, but for the resources given (by canonical URL). */
	private static Definitions edited(Map<String, MetadataResource> replaced) {
		return new Definitions() {
			@Override
			public <T extends MetadataResource> java.util.Optional<T> find(Class<T> type, String canonical) {
				return replaced.containsKey(canonical) ? java.util.Optional.of(type.cast(replaced.get(canonical))) : PackageDefinitions.INSTANCE.find(type, canonical);
			}
		};
	}

	private static Observation phq9(int total) {
		Observation score = new Observation();
		score.setId("Observation/phq9-1");
		score.setStatus(Observation.ObservationStatus.FINAL);
		score.getCode().addCoding(new Coding(LOINC, PHQ9_TOTAL, "PHQ-9 total score"));
		score.setSubject(new Reference("Patient/phq9"));
		score.setEffective(new DateTimeType(Date.from(PatientStory.START)));
		score.setValue(new Quantity().setValue(total));
		return score;
	}

	private static PatientRecord record(Observation observation) {
		return new PatientRecord("phq9", List.of(observation), List.of(), List.of());
	}

	private static Assessment assess(Definitions definitions, Observation observation) {
		CarePlanKnowledge knowledge = new CarePlanKnowledge(definitions, FhirContext.forR4Cached());
		return new AssessmentBuilder(knowledge.current().vocabulary()).build(record(observation), PatientStory.START.plusSeconds(3600));
	}
}

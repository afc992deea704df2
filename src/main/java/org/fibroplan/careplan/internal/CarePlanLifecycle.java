package org.fibroplan.careplan.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fibroplan.careplan.CarePlans;
import org.fibroplan.careplan.PatientAssessment;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.assessment.AssessmentBuilder;
import org.fibroplan.careplan.internal.assessment.ClinicalVocabulary;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.drafting.DraftReviser;
import org.fibroplan.careplan.internal.drafting.PlanBuilder;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.pro.ProRecorded;
import org.fibroplan.pro.ScoreRecorded;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** {@link CarePlans} over the server's own store; new answers and scores revise the draft in their transaction. */
@Component
class CarePlanLifecycle implements CarePlans {

	private final CarePlanKnowledge knowledge;
	private final PatientRecordLoader records;
	private final DraftReviser reviser;
	private final PlanBuilder builder;

	CarePlanLifecycle(CarePlanKnowledge knowledge, PatientRecordLoader records, DraftReviser reviser) {
		this.knowledge = knowledge;
		this.records = records;
		this.reviser = reviser;
		this.builder = new PlanBuilder(knowledge.expressions());
	}

	@EventListener
	public void answersRecorded(ProRecorded recorded) {
		List<String> triggers = new ArrayList<>();
		triggers.add(recorded.questionnaireResponse());
		triggers.addAll(recorded.observations());
		revise(recorded.patient(), triggers);
	}

	@EventListener
	public void scoreRecorded(ScoreRecorded recorded) {
		revise(recorded.patient(), List.of(recorded.observation()));
	}

	@Override
	public void revise(String patientId, List<String> triggers) {
		reviser.revise(patientId, triggers);
	}

	@Override
	public CarePlan apply(PlanDefinition rules, String patientId) {
		return builder.build(knowledge.forRules(rules), records.load(patientId, List.of()), Instant.now()).plan();
	}

	@Override
	public boolean isForClinicianOnly(CodeableConcept code, String definitionUrl) {
		CarePlanKnowledge.Knowledge current = knowledge.current();
		return current.vocabulary().isForClinicianOnly(code) || (definitionUrl != null
				&& current.rules().activity(definitionUrl).map(d -> current.vocabulary().isForClinicianOnly(d.getCode())).orElse(false));
	}

	@Override
	public PatientAssessment assess(String patientId) {
		CarePlanKnowledge.Knowledge current = knowledge.current();
		Assessment assessment = new AssessmentBuilder(current.vocabulary()).build(records.load(patientId, List.of()), Instant.now());
		ClinicalVocabulary vocabulary = current.vocabulary();
		return new PatientAssessment(patientId, assessment.asOf(), peg(assessment, vocabulary),
				text(assessment, "redFlagText").or(() -> text(assessment, "redFlag")),
				text(assessment, "flare").map(Boolean::parseBoolean).orElse(false),
				number(assessment, "weeksOnPlan").map(BigDecimal::intValue),
				sites(assessment, vocabulary), assessment.toParameters());
	}

	private static Optional<PatientAssessment.Change> peg(Assessment assessment, ClinicalVocabulary vocabulary) {
		return number(assessment, "peg").map(latest -> {
			String category = text(assessment, "pegImprovement").orElse(null);
			return new PatientAssessment.Change(latest, number(assessment, "pegBaseline").orElse(null),
					number(assessment, "pegChangePercent").map(BigDecimal::intValue).orElse(null), category,
					category == null ? null : vocabulary.changeDisplay(category));
		});
	}

	/** Each rated site's baseline and the rating that would be a clinically important improvement on it. */
	private static List<PatientAssessment.SitePain> sites(Assessment assessment, ClinicalVocabulary vocabulary) {
		int percent = vocabulary.importantReductionPercent();
		BigDecimal remaining = BigDecimal.valueOf(100 - percent).movePointLeft(2);
		return assessment.siteBaselines().stream().map(b -> new PatientAssessment.SitePain(b.site(), b.observation(), b.value(), percent,
				b.value().multiply(remaining).setScale(1, RoundingMode.HALF_UP))).toList();
	}

	private static Optional<String> text(Assessment assessment, String variable) {
		return assessment.value(variable).stream().findFirst().map(Base::primitiveValue);
	}

	private static Optional<BigDecimal> number(Assessment assessment, String variable) {
		return text(assessment, variable).map(BigDecimal::new);
	}
}

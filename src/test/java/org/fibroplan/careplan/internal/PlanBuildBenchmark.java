package org.fibroplan.careplan.internal;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.assessment.AssessmentBuilder;
import org.fibroplan.careplan.internal.assessment.PatientRecord;
import org.fibroplan.careplan.internal.drafting.PlanBuilder;
import org.fibroplan.careplan.internal.drafting.PlanNarrative;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.hl7.fhir.r4.model.CarePlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-process plan build for one patient (assessment + rules + CarePlan with narrative) from a record
 * of twelve weeks of answers, as the revision runs it on every response. Target: median at most 0.2 ms.
 * Run with bench/plan-build.sh (not part of the test suite).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlanBuildBenchmark {

	private CarePlanKnowledge.Knowledge knowledge;
	private PlanBuilder builder;
	private PatientRecord record;
	private Instant now;
	private CarePlan built;

	@Setup
	public void setUp() {
		CarePlanKnowledge compiled = new CarePlanKnowledge(PackageDefinitions.INSTANCE, FhirContext.forR4Cached());
		knowledge = compiled.current();
		builder = new PlanBuilder(compiled.expressions());
		PatientStory story = twelveWeeks();
		record = story.record();
		now = story.now();
		built = builder.build(knowledge, record, now).plan();
	}

	/** A patient with hip and back pain answering weekly for 12 weeks: about 120 Observations. */
	static PatientStory twelveWeeks() {
		PatientStory story = new PatientStory("bench");
		for (int week = 0; week <= 12; week++) {
			int pain = Math.max(2, 7 - week / 3);
			story.day(week * 7).pain("left-hip", pain).pain("right-hip", 0).pain("lower-back", pain - 1).pain("buttock", 0).pain("overall", pain + 1)
					.peg(pain, pain, pain + 1);
			if (week % 4 == 0) {
				story.day(week * 7 + 1).acr(9, 7).hoosJr(12 - week / 2).phq2(3).gad2(2)
						.sleep("sleep-fairly-bad").exerciseMinutes(20 + week * 5).pool(false).recentHipProcedure(false)
						.prefers("pref-acupuncture", "pref-group-exercise")
						.redFlag("night-pain", false).redFlag("saddle-numbness", false);
			}
		}
		return story;
	}

	/** The assessment alone, to see where the plan build spends its time. */
	@Benchmark
	public Assessment assessOnly() {
		return new AssessmentBuilder(knowledge.vocabulary()).build(record, now);
	}

	/** The narrative alone, written again on a built plan. */
	@Benchmark
	public CarePlan narrativeOnly() {
		PlanNarrative.write(built, knowledge, PlanNarrative.contained(built, reference -> java.util.Optional.empty()));
		return built;
	}

	@Benchmark
	public CarePlan buildPlan() {
		return builder.build(knowledge, record, now).plan();
	}
}

package org.fibroplan.careplan;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

/** Completed QuestionnaireResponses as a patient's app would send them. */
public final class Answers {

	static final String Q = "http://fibroplan.org/fhir/Questionnaire/";
	static final List<String> BACK_FLAGS = List.of("saddle-numbness", "bladder-bowel", "leg-weakness-gait", "cancer-history", "weight-loss",
			"night-pain", "new-pain-over-50", "fever-chills", "immunosuppression", "iv-drug-use", "significant-trauma");
	static final List<String> HIP_FLAGS = List.of("hot-swollen-joint", "cannot-bear-weight", "rapidly-worsening", "leg-numbness-circulation");
	// red-flags 1.1.0 no longer asks about a recent hip procedure: fm-context does; fm-context 1.1.0 no longer offers 'Exercise at home'.
	static final Map<String, String> VERSIONS = Map.of("red-flags", "1.1.0", "fm-context", "1.1.0");

	private Answers() {}

	public static QuestionnaireResponse painNrs(String patient, int leftHip, int rightHip, int lowerBack, int worst) {
		QuestionnaireResponse response = response("pain-nrs", patient);
		response.addItem().setLinkId("left-hip").addAnswer().setValue(new IntegerType(leftHip));
		response.addItem().setLinkId("right-hip").addAnswer().setValue(new IntegerType(rightHip));
		response.addItem().setLinkId("lower-back").addAnswer().setValue(new IntegerType(lowerBack));
		response.addItem().setLinkId("buttock").addAnswer().setValue(new IntegerType(0));
		response.addItem().setLinkId("worst-overall").addAnswer().setValue(new IntegerType(worst));
		return response;
	}

	public static QuestionnaireResponse peg(String patient, int pain, int enjoyment, int activity) {
		QuestionnaireResponse response = response("peg", patient);
		response.addItem().setLinkId("peg-1").addAnswer().setValue(new IntegerType(pain));
		response.addItem().setLinkId("peg-2").addAnswer().setValue(new IntegerType(enjoyment));
		response.addItem().setLinkId("peg-3").addAnswer().setValue(new IntegerType(activity));
		return response;
	}

	public static QuestionnaireResponse redFlags(String patient, String... yes) {
		Set<String> positive = Set.of(yes);
		QuestionnaireResponse response = response("red-flags", patient);
		var back = response.addItem().setLinkId("back-flags");
		BACK_FLAGS.forEach(flag -> back.addItem().setLinkId(flag).addAnswer().setValue(new BooleanType(positive.contains(flag))));
		var hip = response.addItem().setLinkId("hip-flags");
		HIP_FLAGS.forEach(flag -> hip.addItem().setLinkId(flag).addAnswer().setValue(new BooleanType(positive.contains(flag))));
		return response;
	}

	public static QuestionnaireResponse context(String patient, String sleep, int exerciseMinutes, boolean recentHipProcedure, boolean pool, String... preferences) {
		QuestionnaireResponse response = response("fm-context", patient);
		response.addItem().setLinkId("sleep-quality").addAnswer().setValue(new Coding("http://fibroplan.org/fhir/CodeSystem/pro", sleep, null));
		response.addItem().setLinkId("exercise-minutes").addAnswer().setValue(new IntegerType(exerciseMinutes));
		response.addItem().setLinkId("recent-hip-procedure").addAnswer().setValue(new BooleanType(recentHipProcedure));
		response.addItem().setLinkId("pool-access").addAnswer().setValue(new BooleanType(pool));
		if (preferences.length > 0) {
			var item = response.addItem().setLinkId("preferences");
			for (String preference : preferences) {
				item.addAnswer().setValue(new Coding("http://fibroplan.org/fhir/CodeSystem/pro", preference, null));
			}
		}
		return response;
	}

	/** The context answers with the flare triggers the patient ticked (CodeSystem pro, e.g. trigger-stress). */
	static QuestionnaireResponse contextWithTriggers(String patient, String sleep, String... triggers) {
		QuestionnaireResponse response = context(patient, sleep, 30, false, false);
		var item = response.addItem().setLinkId("flare-triggers");
		for (String trigger : triggers) {
			item.addAnswer().setValue(new Coding("http://fibroplan.org/fhir/CodeSystem/pro", trigger, null));
		}
		return response;
	}

	/** PHQ-2, each item from 0 (not at all) to 3 (nearly every day): a total of 3 or more is a positive screen. */
	public static QuestionnaireResponse phq2(String patient, int interest, int mood) {
		List<String> often = List.of("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");
		QuestionnaireResponse response = response("phq-2", patient);
		var items = response.addItem().setLinkId("phq-2-items");
		items.addItem().setLinkId("phq-1").addAnswer().setValue(new Coding("http://loinc.org", often.get(interest), null));
		items.addItem().setLinkId("phq-2").addAnswer().setValue(new Coding("http://loinc.org", often.get(mood), null));
		return response;
	}

	private static QuestionnaireResponse response(String instrument, String patient) {
		return new QuestionnaireResponse()
				.setQuestionnaire(Q + instrument + "|" + VERSIONS.getOrDefault(instrument, "1.0.0"))
				.setStatus(QuestionnaireResponseStatus.COMPLETED)
				.setSubject(new Reference("Patient/" + patient))
				.setAuthored(new Date(System.currentTimeMillis() / 1000 * 1000 - 60_000));
	}
}

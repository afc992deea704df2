package org.fibroplan.pro;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.ProEventsRecorder;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A patient answers; the scores a clinician will see come back as Observations tied to the answers. */
class ScoringIT extends FhirIntegrationTest {

	static final String LA = "http://loinc.org";
	/** Whole seconds: the FHIR client sends dateTimes to the second. */
	static final Date AUTHORED = new Date((System.currentTimeMillis() - 3_600_000L) / 1000 * 1000);

	@Autowired
	ProEventsRecorder events;

	@Test
	void pegIsTheMeanOfItsThreeItemsWithEachItemAsAComponent() {
		IdType response = submit(QuestionnaireResponseSubmissionIT.peg("demo-patient", 7, 7, 8));

		Observation peg = single(response);
		assertThat(peg.getCode().getCodingFirstRep().getCode()).isEqualTo("91147-9");
		assertThat(peg.getValueQuantity().getValue()).isEqualByComparingTo(new BigDecimal("7.33"));
		assertThat(peg.getComponent()).extracting(c -> ((IntegerType) c.getValue()).getValue()).containsExactly(7, 7, 8);
		assertThat(peg.getSubject().getReference()).isEqualTo("Patient/demo-patient");
		assertThat(peg.getDerivedFromFirstRep().getReference()).isEqualTo(response.getValue());
		assertThat(peg.getEffectiveDateTimeType().getValue()).isEqualTo(AUTHORED);
		assertThat(events.about(response.getValue())).singleElement()
				.satisfies(e -> assertThat(e.observations()).containsExactly(peg.getIdElement().toUnqualifiedVersionless().getValue()));
	}

	@Test
	void phq2OfFourIsAPositiveScreenAndTwoIsNot() {
		Observation four = single(submit(screen("phq-2", "phq-1", "LA6569-3", "phq-2", "LA6571-9")));
		assertThat(four.getCode().getCodingFirstRep().getCode()).isEqualTo("55758-7");
		assertThat(four.getValueIntegerType().getValue()).isEqualTo(4);
		assertThat(four.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("POS");

		Observation two = single(submit(screen("phq-2", "phq-1", "LA6569-3", "phq-2", "LA6569-3")));
		assertThat(two.getValueIntegerType().getValue()).isEqualTo(2);
		assertThat(two.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("NEG");
	}

	@Test
	void gad2OfExactlyThreeIsPositive() {
		Observation three = single(submit(screen("gad-2", "gad-1", "LA6570-1", "gad-2", "LA6569-3")));
		assertThat(three.getCode().getCodingFirstRep().getCode()).isEqualTo("gad-2-total");
		assertThat(three.getValueIntegerType().getValue()).isEqualTo(3);
		assertThat(three.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("POS");
	}

	@Test
	void painBySiteBecomesOnePainScorePerSiteWithItsSide() {
		QuestionnaireResponse answers = QuestionnaireResponseSubmissionIT.painNrs();
		answers.setAuthored(AUTHORED);
		answers.getItem().get(3).getAnswerFirstRep().setValue(new IntegerType(4));
		answers.getItem().add(4, new QuestionnaireResponse.QuestionnaireResponseItemComponent().setLinkId("buttock-side")
				.addAnswer(new QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent()
						.setValue(new Coding("http://snomed.info/sct", "7771000", "Left"))));

		List<Observation> scores = derivedFrom(submit(answers));

		assertThat(scores).hasSize(5).allSatisfy(s -> {
			assertThat(s.getCode().getCodingFirstRep().getCode()).isEqualTo("72514-3");
			assertThat(s.getMeta().getProfile()).extracting(p -> p.getValue())
					.contains("http://fibroplan.org/fhir/StructureDefinition/fm-pain-score");
		});
		assertThat(valueAt(scores, "287679003")).isEqualTo(5);
		assertThat(valueAt(scores, "37822005")).isEqualTo(6);
		Observation buttock = at(scores, "46862004");
		assertThat(buttock.getValueIntegerType().getValue()).isEqualTo(4);
		assertThat(((CodeableConcept) buttock.getBodySite()
				.getExtensionByUrl("http://fibroplan.org/fhir/StructureDefinition/laterality").getValue())
				.getCodingFirstRep().getCode()).isEqualTo("7771000");
	}

	@Test
	void anUnfinishedResponseIsNotScored() {
		QuestionnaireResponse unfinished = QuestionnaireResponseSubmissionIT.peg("demo-patient", 6, 5, 7);
		unfinished.setStatus(QuestionnaireResponseStatus.INPROGRESS);
		IdType response = submit(unfinished);
		assertThat(derivedFrom(response)).isEmpty();
		assertThat(events.about(response.getValue())).isEmpty();
	}

	@Test
	void correctingAnAnswerReplacesTheScoreInsteadOfAddingOne() {
		IdType response = submit(QuestionnaireResponseSubmissionIT.peg("demo-patient", 6, 6, 6));
		QuestionnaireResponse stored = fhir().read().resource(QuestionnaireResponse.class).withId(response).execute();
		stored.getItem().get(0).getAnswerFirstRep().setValue(new IntegerType(9));

		client(port(), Tokens.systemToken(port())).update().resource(stored).execute();

		Observation peg = single(response);
		assertThat(peg.getValueQuantity().getValue()).isEqualByComparingTo(new BigDecimal("7.00"));
	}

	private IdType submit(QuestionnaireResponse response) {
		response.setAuthored(AUTHORED);
		IGenericClient app = client(port(), Tokens.patientToken(port(), "patient"));
		return (IdType) app.create().resource(response).execute().getId().toUnqualifiedVersionless();
	}

	private static QuestionnaireResponse screen(String instrument, String item1, String answer1, String item2, String answer2) {
		QuestionnaireResponse response = new QuestionnaireResponse()
				.setQuestionnaire("http://fibroplan.org/fhir/Questionnaire/" + instrument + "|1.0.0")
				.setStatus(QuestionnaireResponseStatus.COMPLETED)
				.setSubject(new Reference("Patient/demo-patient"));
		var group = response.addItem().setLinkId(instrument + "-items");
		group.addItem().setLinkId(item1).addAnswer().setValue(new Coding(LA, answer1, null));
		group.addItem().setLinkId(item2).addAnswer().setValue(new Coding(LA, answer2, null));
		return response;
	}

	private List<Observation> derivedFrom(IdType response) {
		return fhir().search().byUrl("Observation?derived-from=" + response.getValue()).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (Observation) e.getResource()).toList();
	}

	private Observation single(IdType response) {
		List<Observation> derived = derivedFrom(response);
		assertThat(derived).hasSize(1);
		return derived.get(0);
	}

	private static Observation at(List<Observation> scores, String site) {
		return scores.stream().filter(s -> s.getBodySite().getCodingFirstRep().getCode().equals(site)).findFirst().orElseThrow();
	}

	private static int valueAt(List<Observation> scores, String site) {
		return at(scores, site).getValueIntegerType().getValue();
	}
}

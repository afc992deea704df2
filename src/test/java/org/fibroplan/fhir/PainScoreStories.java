package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fibroplan.fhir.PainScores.LEFT_HIP;
import static org.fibroplan.fhir.PainScores.LOINC;
import static org.fibroplan.fhir.PainScores.LOWER_BACK;
import static org.fibroplan.fhir.PainScores.PAIN_SEVERITY;
import static org.fibroplan.fhir.PainScores.SNOMED;
import static org.fibroplan.fhir.PainScores.painScore;
import static org.fibroplan.fhir.PainScores.rightButtock;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.fibroplan.FhirServerUnderTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What happens to the pain scores a patient's app sends: the same stories run on every database
 * FibroPlan supports (see the implementing test classes).
 */
public interface PainScoreStories extends FhirServerUnderTest {

	@Test
	default void scoresForHipAndBackAreFoundByPatientCodeAndDateNewestFirst() {
		IdType patient = newPatient("HipAndBack");
		IdType someoneElse = newPatient("Other");
		fhir().create().resource(painScore(patient, LEFT_HIP, 6, "2026-09-01T08:00:00Z")).execute();
		fhir().create().resource(painScore(patient, LOWER_BACK, 7, "2026-10-01T08:00:00Z")).execute();
		fhir().create().resource(painScore(patient, LEFT_HIP, 4, "2026-11-01T08:00:00Z")).execute();
		fhir().create().resource(painScore(someoneElse, LEFT_HIP, 9, "2026-10-15T08:00:00Z")).execute();

		Bundle lastTwoMonths = fhir().search()
				.forResource(Observation.class)
				.where(Observation.SUBJECT.hasId(patient))
				.and(Observation.CODE.exactly().systemAndCode(LOINC, PAIN_SEVERITY))
				.and(Observation.DATE.afterOrEquals().day("2026-09-15"))
				.and(Observation.DATE.before().day("2026-12-01"))
				.sort().descending(Observation.DATE)
				.returnBundle(Bundle.class)
				.execute();

		assertThat(values(lastTwoMonths)).containsExactly(4, 7);

		Bundle everyHipScore = fhir().search()
				.forResource(Observation.class)
				.where(Observation.SUBJECT.hasId(patient))
				.and(new ca.uhn.fhir.rest.gclient.TokenClientParam("body-site").exactly().systemAndCode(SNOMED, LEFT_HIP))
				.sort().descending(Observation.DATE)
				.returnBundle(Bundle.class)
				.execute();
		assertThat(values(everyHipScore)).containsExactly(4, 6);
	}

	@Test
	default void aCorrectedScoreKeepsItsHistory() {
		IdType patient = newPatient("Corrected");
		IdType first = (IdType) fhir().create()
				.resource(rightButtock(patient, 8, "2026-11-02T09:30:00Z"))
				.execute()
				.getId();

		Observation corrected = fhir().read().resource(Observation.class).withId(first.toVersionless()).execute();
		corrected.setValue(new IntegerType(5));
		corrected.setStatus(Observation.ObservationStatus.AMENDED);
		fhir().update().resource(corrected).execute();

		Bundle history = fhir().history()
				.onInstance(first.toVersionless())
				.returnBundle(Bundle.class)
				.execute();
		assertThat(values(history)).containsExactly(5, 8);
		Observation original = fhir().read()
				.resource(Observation.class)
				.withIdAndVersion(first.getIdPart(), "1")
				.execute();
		assertThat(original.getValueIntegerType().getValue()).isEqualTo(8);
	}

	@Test
	default void sendingTheSameScoreTwiceWithConditionalCreateStoresItOnce() {
		IdType patient = newPatient("Retrying");
		String appRecordId = UUID.randomUUID().toString();
		Observation score = painScore(patient, LOWER_BACK, 5, "2026-11-03T07:00:00Z");
		score.addIdentifier().setSystem("urn:fibroplan:test-app").setValue(appRecordId);
		String condition = "Observation?identifier=urn:fibroplan:test-app|" + appRecordId;

		MethodOutcome first = fhir().create().resource(score).conditionalByUrl(condition).execute();
		MethodOutcome retry = fhir().create().resource(score).conditionalByUrl(condition).execute();

		assertThat(first.getCreated()).isTrue();
		assertThat(retry.getCreated()).isNotEqualTo(Boolean.TRUE);
		assertThat(retry.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
		assertThat(scoresOf(patient)).isEqualTo(1);
	}

	@Test
	default void aClinicianEditingAnOutdatedVersionIsToldItChanged() {
		IdType patient = newPatient("Concurrent");
		IdType created = (IdType) fhir().create()
				.resource(painScore(patient, LEFT_HIP, 6, "2026-11-04T07:00:00Z"))
				.execute()
				.getId();
		Observation v1 = fhir().read().resource(Observation.class).withId(created.toVersionless()).execute();
		Observation edit = v1.copy();
		edit.setValue(new IntegerType(5));
		fhir().update().resource(edit).execute();

		Observation stale = v1.copy();
		stale.setValue(new IntegerType(3));
		stale.setId(v1.getIdElement().withVersion("1"));
		assertThatThrownBy(() -> fhir().update().resource(stale).withId(stale.getIdElement()).execute())
				.isInstanceOf(PreconditionFailedException.class);
		Observation current = fhir().read().resource(Observation.class).withId(created.toVersionless()).execute();
		assertThat(current.getValueIntegerType().getValue()).isEqualTo(5);
	}

	@ParameterizedTest
	@EnumSource(InvalidPainScore.class)
	default void anInvalidPainScoreIsRefusedWith422NamingTheElementAndNothingIsStored(InvalidPainScore invalid) {
		IdType patient = newPatient("Invalid");
		Observation score = painScore(patient, LEFT_HIP, 6, "2026-11-05T07:00:00Z");
		invalid.spoil.accept(score, patient);

		assertThatThrownBy(() -> fhir().create().resource(score).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
					assertThat(e.getStatusCode()).isEqualTo(422);
					OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
					assertThat(outcome.getIssue())
							.anySatisfy(issue -> assertThat(issue.getExpression())
									.extracting(StringType::getValue)
									.anySatisfy(path -> assertThat(path).startsWith(invalid.element)));
				});
		assertThat(scoresOf(patient)).isZero();
	}

	@Test
	default void aTransactionWithOneInvalidScoreStoresNoneOfIt() {
		IdType patient = newPatient("Batch");
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry()
				.setResource(painScore(patient, LEFT_HIP, 5, "2026-11-06T07:00:00Z"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		transaction.addEntry()
				.setResource(painScore(patient, LOWER_BACK, 11, "2026-11-06T07:00:00Z"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

		assertThatThrownBy(() -> fhir().transaction().withBundle(transaction).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(422));
		assertThat(scoresOf(patient)).isZero();

		transaction.getEntry().get(1).getResource().setProperty("value[x]", new IntegerType(7));
		Bundle response = fhir().transaction().withBundle(transaction).execute();
		assertThat(response.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
		assertThat(scoresOf(patient)).isEqualTo(2);
	}

	/** Ways an app gets a pain score wrong, and the element the server must name. */
	enum InvalidPainScore {
		VALUE_ABOVE_TEN("Observation.value", (score, patient) -> score.setValue(new IntegerType(11))),
		NEGATIVE_VALUE("Observation.value", (score, patient) -> score.setValue(new IntegerType(-1))),
		VALUE_AS_TEXT("Observation.value", (score, patient) -> score.setValue(new StringType("six"))),
		MISSING_BODY_SITE("Observation", (score, patient) -> score.setBodySite(null)),
		BODY_SITE_NOT_A_PAIN_SITE("Observation.bodySite", (score, patient) ->
				score.getBodySite().getCodingFirstRep().setCode("80891009")),
		BUTTOCK_WITHOUT_SIDE("Observation", (score, patient) ->
				score.getBodySite().getCodingFirstRep().setCode(PainScores.BUTTOCK)),
		WRONG_CODE_SYSTEM("Observation.code", (score, patient) ->
				score.getCode().getCodingFirstRep().setSystem(SNOMED)),
		MISSING_EFFECTIVE_TIME("Observation", (score, patient) -> score.setEffective(null)),
		MISSING_VALUE("Observation", (score, patient) -> score.setValue(null));

		final String element;
		final BiConsumer<Observation, IdType> spoil;

		InvalidPainScore(String element, BiConsumer<Observation, IdType> spoil) {
			this.element = element;
			this.spoil = spoil;
		}
	}

	private int scoresOf(IdType patient) {
		Bundle all = fhir().search()
				.forResource(Observation.class)
				.where(Observation.SUBJECT.hasId(patient))
				.returnBundle(Bundle.class)
				.execute();
		return all.getEntry().size();
	}

	private static List<Integer> values(Bundle bundle) {
		return bundle.getEntry().stream()
				.map(e -> ((Observation) e.getResource()).getValueIntegerType().getValue())
				.toList();
	}
}

package org.fibroplan.pro.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Type;

/**
 * A response read together with its Questionnaire: answers by linkId, and what the Questionnaire says
 * about them (item weights, score bands, extraction flags), so scorers hold no clinical numbers.
 */
final class QuestionnaireAnswers {

	static final String ITEM_WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight";
	static final String OBSERVATION_EXTRACT = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract";

	private final QuestionnaireResponse response;
	private final Questionnaire questionnaire;

	QuestionnaireAnswers(QuestionnaireResponse response, Questionnaire questionnaire) {
		this.response = response;
		this.questionnaire = questionnaire;
	}

	QuestionnaireResponse response() {
		return response;
	}

	Questionnaire questionnaire() {
		return questionnaire;
	}

	/** Every answered item of the response, at any depth. */
	List<QuestionnaireResponseItemComponent> answeredItems() {
		List<QuestionnaireResponseItemComponent> all = new ArrayList<>();
		collect(response.getItem(), all);
		return all.stream().filter(QuestionnaireResponseItemComponent::hasAnswer).toList();
	}

	Optional<Type> answer(String linkId) {
		return answeredItems().stream()
				.filter(i -> linkId.equals(i.getLinkId()))
				.findFirst()
				.map(i -> i.getAnswerFirstRep().getValue());
	}

	Optional<Integer> integer(String linkId) {
		return answer(linkId).filter(v -> v.isPrimitive()).map(v -> Integer.valueOf(v.primitiveValue()));
	}

	Optional<QuestionnaireItemComponent> item(String linkId) {
		return find(questionnaire.getItem(), linkId);
	}

	/** The itemWeight of the answer option chosen for an item, if the Questionnaire gives one. */
	Optional<BigDecimal> weight(QuestionnaireResponseItemComponent answered) {
		QuestionnaireResponseItemAnswerComponent answer = answered.getAnswerFirstRep();
		if (!(answer.getValue() instanceof Coding chosen)) {
			return Optional.empty();
		}
		return item(answered.getLinkId()).flatMap(item -> item.getAnswerOption().stream()
				.filter(o -> o.getValue() instanceof Coding c && c.getCode().equals(chosen.getCode())
						&& c.getSystem().equals(chosen.getSystem()))
				.map(o -> o.getExtensionByUrl(ITEM_WEIGHT))
				.filter(e -> e != null)
				.map(e -> ((DecimalType) e.getValue()).getValue())
				.findFirst());
	}

	/** The interpretation the item's score bands give a value, if any band holds it. */
	Optional<Coding> band(QuestionnaireItemComponent scoreItem, BigDecimal value) {
		for (Extension band : scoreItem.getExtensionsByUrl(FhirTerms.SCORE_BAND)) {
			BigDecimal low = ((DecimalType) band.getExtensionByUrl("low").getValue()).getValue();
			BigDecimal high = ((DecimalType) band.getExtensionByUrl("high").getValue()).getValue();
			if (value.compareTo(low) >= 0 && value.compareTo(high) <= 0) {
				return Optional.of((Coding) band.getExtensionByUrl("interpretation").getValue());
			}
		}
		return Optional.empty();
	}

	/** Score items: read-only items marked for extraction, whose value the server computes. */
	List<QuestionnaireItemComponent> scoreItems() {
		List<QuestionnaireItemComponent> all = new ArrayList<>();
		collectQuestions(questionnaire.getItem(), all);
		return all.stream().filter(QuestionnaireItemComponent::getReadOnly).filter(QuestionnaireAnswers::extracted).toList();
	}

	static boolean extracted(QuestionnaireItemComponent item) {
		Extension flag = item.getExtensionByUrl(OBSERVATION_EXTRACT);
		return flag != null && "true".equals(flag.getValue().primitiveValue());
	}

	private static void collect(List<QuestionnaireResponseItemComponent> items, List<QuestionnaireResponseItemComponent> into) {
		for (QuestionnaireResponseItemComponent item : items) {
			into.add(item);
			collect(item.getItem(), into);
			item.getAnswer().forEach(a -> collect(a.getItem(), into));
		}
	}

	private static void collectQuestions(List<QuestionnaireItemComponent> items, List<QuestionnaireItemComponent> into) {
		for (QuestionnaireItemComponent item : items) {
			into.add(item);
			collectQuestions(item.getItem(), into);
		}
	}

	private static Optional<QuestionnaireItemComponent> find(List<QuestionnaireItemComponent> items, String linkId) {
		for (QuestionnaireItemComponent item : items) {
			if (linkId.equals(item.getLinkId())) {
				return Optional.of(item);
			}
			Optional<QuestionnaireItemComponent> inner = find(item.getItem(), linkId);
			if (inner.isPresent()) {
				return inner;
			}
		}
		return Optional.empty();
	}
}

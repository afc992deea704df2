package org.fibroplan.web.internal.questionnaire;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * A Questionnaire with the page's field values read into answers: which items are enabled by those
 * answers, and what the patient still has to fix. Both the form and the submission use it, so the page
 * shows what will be sent.
 */
final class AnsweredQuestionnaire {

	private final Questionnaire questionnaire;
	private final Map<String, ItemAnswer> answers = new HashMap<>();
	private final Set<String> disabled;

	private AnsweredQuestionnaire(Questionnaire questionnaire, FieldValues fields) {
		this.questionnaire = questionnaire;
		read(questionnaire.getItem(), fields);
		this.disabled = disabledItems();
	}

	static AnsweredQuestionnaire of(Questionnaire questionnaire, FieldValues fields) {
		return new AnsweredQuestionnaire(questionnaire, fields);
	}

	ItemAnswer answer(String linkId) {
		return answers.getOrDefault(linkId, new ItemAnswer(List.of(), null));
	}

	boolean enabled(String linkId) {
		return !disabled.contains(linkId);
	}

	/** The patient's mistakes by linkId, in Questionnaire order; disabled items cannot be wrong. */
	Map<String, String> problems() {
		Map<String, String> problems = new LinkedHashMap<>();
		collectProblems(questionnaire.getItem(), problems);
		return problems;
	}

	private void read(List<QuestionnaireItemComponent> items, FieldValues fields) {
		for (var item : items) {
			ItemKind kind = ItemKind.of(item);
			if (kind == ItemKind.NOT_ASKED) {
				continue;
			}
			if (kind.answerable()) {
				answers.put(item.getLinkId(), ItemAnswer.read(item, kind, fields.get(item.getLinkId())));
			}
			read(item.getItem(), fields);
		}
	}

	/**
	 * A disabled item's answers count for nothing, which can disable others in turn: repeat until
	 * nothing changes (at most once per item, as each round can only add to what is disabled).
	 */
	private Set<String> disabledItems() {
		Set<String> off = new HashSet<>();
		for (int round = 0; round <= answers.size(); round++) {
			Map<String, List<Type>> counted = new HashMap<>();
			answers.forEach((linkId, answer) -> {
				if (!off.contains(linkId)) {
					counted.put(linkId, answer.values());
				}
			});
			Set<String> next = new HashSet<>();
			collectDisabled(questionnaire.getItem(), true, counted, next);
			if (next.equals(off)) {
				break;
			}
			off.clear();
			off.addAll(next);
		}
		return off;
	}

	private static void collectDisabled(List<QuestionnaireItemComponent> items, boolean parentEnabled,
			Map<String, List<Type>> counted, Set<String> off) {
		for (var item : items) {
			boolean enabled = parentEnabled && EnableWhen.holds(item, counted);
			if (!enabled) {
				off.add(item.getLinkId());
			}
			collectDisabled(item.getItem(), enabled, counted, off);
		}
	}

	/** Returns whether anything below was answered, for a required group's own check. */
	private boolean collectProblems(List<QuestionnaireItemComponent> items, Map<String, String> problems) {
		boolean anyAnswered = false;
		for (var item : items) {
			ItemKind kind = ItemKind.of(item);
			if (kind == ItemKind.NOT_ASKED || !enabled(item.getLinkId())) {
				continue;
			}
			if (kind == ItemKind.GROUP) {
				int before = problems.size();
				boolean answered = collectProblems(item.getItem(), problems);
				if (item.getRequired() && !answered && problems.size() == before) {
					problems.put(item.getLinkId(), ItemAnswer.missing(item, kind));
				}
				anyAnswered |= answered;
			} else if (kind.answerable()) {
				ItemAnswer answer = answer(item.getLinkId());
				if (answer.problem() != null) {
					problems.put(item.getLinkId(), answer.problem());
				} else if (answer.isEmpty() && item.getRequired()) {
					problems.put(item.getLinkId(), ItemAnswer.missing(item, kind));
				}
				anyAnswered |= !answer.isEmpty();
			}
		}
		return anyAnswered;
	}
}

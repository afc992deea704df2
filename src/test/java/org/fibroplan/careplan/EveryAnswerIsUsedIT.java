package org.fibroplan.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fibroplan.FhirIntegrationTest;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemEnableWhenComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

/**
 * A question a tired patient answers must change something the rules read, or not be asked. Over HTTP, for
 * every answerable item of every active Questionnaire (and every option of a tick-any-that-apply item), a new
 * patient answers the instrument once with that item changed; the patient's assessment ({@code $assessment})
 * is compared with a patient who gave the baseline answers, and each variable that changed is traced to the
 * rules whose condition or rationale reads it (directly, or through a variable derived from it, per CodeSystem
 * assessment-variable). An item whose change reaches no rule fails the test; a ticked option must also be
 * named by a rule's condition. The table of what reads each answer is docs/clinical/answers.md
 * ({@code -Dfibroplan.rules.write=true} rewrites it).
 */
class EveryAnswerIsUsedIT extends FhirIntegrationTest {

	static final Path DOCUMENT = Path.of("docs/clinical/answers.md");
	static final String MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
	static final String MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";
	static final String CALCULATED = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";

	/** One line of the table: an answer, the variables it changed, the rules that read them. */
	record Use(String questionnaire, String linkId, String text, String answer, Set<String> changed, List<String> readers, String missing) {}

	private PlanDefinition rules;
	private Map<String, List<String>> derivedFrom;

	@Test
	void everyAnswerAPatientCanGiveReachesARuleOrARationale() throws IOException {
		rules = (PlanDefinition) fhir().search().byUrl("PlanDefinition?url=http://fibroplan.org/fhir/PlanDefinition/fm-care-plan")
				.returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
		derivedFrom = derivations();
		// FibroPlan's own instruments: other tests leave questionnaires of their own on the shared server.
		List<Questionnaire> questionnaires = fhir().search().byUrl("Questionnaire?status=active&publisher=FibroPlan&_count=100").returnBundle(Bundle.class)
				.execute().getEntry().stream().map(e -> (Questionnaire) e.getResource())
				.filter(q -> "FibroPlan".equals(q.getPublisher()) && q.getUrl().startsWith("http://fibroplan.org/fhir/Questionnaire/"))
				.sorted(Comparator.comparing(Questionnaire::getUrl)).toList();
		assertThat(questionnaires).extracting(q -> q.getIdElement().getIdPart())
				.contains("pain-nrs", "peg", "acr-2016-fm", "hoos-jr", "phq-2", "gad-2", "red-flags", "fm-context");

		List<Use> uses = new ArrayList<>();
		for (Questionnaire questionnaire : questionnaires) {
			uses.addAll(uses(questionnaire));
		}

		String table = document(uses);
		if (Boolean.getBoolean("fibroplan.rules.write")) {
			Files.writeString(DOCUMENT, table);
		}
		assertThat(uses.stream().filter(u -> u.missing() != null).map(u -> u.questionnaire() + " " + u.linkId() + " " + u.answer() + ": " + u.missing()))
				.as("answers nothing reads").isEmpty();
		assertThat(Files.readString(DOCUMENT))
				.as("docs/clinical/answers.md is out of date: run this test with -Dfibroplan.rules.write=true").isEqualTo(table);
	}

	private List<Use> uses(Questionnaire questionnaire) {
		List<QuestionnaireItemComponent> items = answerable(questionnaire.getItem());
		Map<String, List<Type>> low = new LinkedHashMap<>();
		Map<String, List<Type>> high = new LinkedHashMap<>();
		for (QuestionnaireItemComponent item : items) {
			low.put(item.getLinkId(), lowest(item));
			high.put(item.getLinkId(), highest(item));
		}
		Map<String, Map<String, List<String>>> baselines = new LinkedHashMap<>();
		baselines.put("low", assessmentAfter(questionnaire, low));
		List<Use> found = new ArrayList<>();
		for (QuestionnaireItemComponent item : items) {
			if (item.getType() == Questionnaire.QuestionnaireItemType.CHOICE && item.getRepeats()) {
				for (var option : item.getAnswerOption()) {
					Coding code = option.getValueCoding();
					found.add(use(questionnaire, item, code.getCode(), List.of(Map.of(item.getLinkId(), List.<Type>of(code.copy()))), low, high, baselines,
							Optional.of(code.getCode())));
				}
				continue;
			}
			List<Map<String, List<Type>>> variants = new ArrayList<>();
			for (List<Type> answer : otherAnswers(item)) {
				variants.add(Map.of(item.getLinkId(), answer));
			}
			found.add(use(questionnaire, item, null, variants, low, high, baselines, Optional.empty()));
		}
		return found;
	}

	/**
	 * Tries each variant against the low baseline, then against the high one (an answer can matter only when the
	 * others are high: symptoms for 3 months only decide the ACR criteria when pain and symptoms meet them).
	 */
	private Use use(Questionnaire questionnaire, QuestionnaireItemComponent item, String option, List<Map<String, List<Type>>> variants,
			Map<String, List<Type>> low, Map<String, List<Type>> high, Map<String, Map<String, List<String>>> baselines, Optional<String> named) {
		String name = questionnaire.getIdElement().getIdPart();
		Use last = null;
		for (String level : List.of("low", "high")) {
			Map<String, List<Type>> baseline = level.equals("low") ? low : high;
			for (Map<String, List<Type>> variant : variants) {
				Map<String, List<Type>> answers = new LinkedHashMap<>(baseline);
				if (option != null && level.equals("high")) {
					// Every option ticked but this one.
					List<Type> others = new ArrayList<>(high.get(item.getLinkId()));
					others.removeIf(t -> ((Coding) t).getCode().equals(option));
					answers.put(item.getLinkId(), others);
				} else {
					answers.putAll(variant);
				}
				if (!enabled(item, answers) || describe(answers.get(item.getLinkId())).equals(describe(baseline.get(item.getLinkId())))) {
					continue;
				}
				Map<String, List<String>> before = baselines.computeIfAbsent(level, l -> assessmentAfter(questionnaire, baseline));
				Map<String, List<String>> after = assessmentAfter(questionnaire, answers);
				Set<String> changed = new TreeMap<>(union(before, after)).keySet().stream()
						.filter(v -> !Optional.ofNullable(before.get(v)).equals(Optional.ofNullable(after.get(v))))
						.collect(Collectors.toCollection(LinkedHashSet::new));
				List<String> readers = readers(changed, named);
				String answer = option != null ? option : describe(answers.get(item.getLinkId()));
				String missing = changed.isEmpty() ? "changes nothing the rules see"
						: readers.isEmpty() ? (named.isPresent() ? "no rule's condition asks for '" + option + "'" : "no rule reads " + changed) : null;
				last = new Use(name, item.getLinkId(), item.getText(), answer, changed, readers, missing);
				if (missing == null) {
					return last;
				}
			}
		}
		return last != null ? last : new Use(name, item.getLinkId(), item.getText(), option == null ? "-" : option, Set.of(), List.of(), "never enabled");
	}

	/** The rules reading any of these variables, or a variable derived from them; for a ticked option, only conditions naming it. */
	private List<String> readers(Set<String> changed, Optional<String> option) {
		Set<String> variables = new LinkedHashSet<>(changed);
		boolean grew = true;
		while (grew) {
			grew = false;
			for (var derived : derivedFrom.entrySet()) {
				if (!variables.contains(derived.getKey()) && derived.getValue().stream().anyMatch(variables::contains)) {
					variables.add(derived.getKey());
					grew = true;
				}
			}
		}
		List<String> readers = new ArrayList<>();
		for (PlanDefinitionActionComponent rule : rules.getAction()) {
			String condition = rule.getConditionFirstRep().getExpression().getExpression();
			String rationale = rule.getExtensionByUrl("http://fibroplan.org/fhir/StructureDefinition/activity-rationale").getValue().primitiveValue();
			if (option.isPresent()) {
				if (reads(condition, variables) && condition.contains("'" + option.get() + "'")) {
					readers.add(rule.getId());
				}
			} else if (reads(condition, variables) || reads(rationale, variables)) {
				readers.add(rule.getId() + (reads(condition, variables) ? "" : " (rationale)"));
			}
		}
		return readers;
	}

	private static boolean reads(String expression, Set<String> variables) {
		return variables.stream().anyMatch(v -> Pattern.compile("%" + v + "\\b").matcher(expression).find());
	}

	private Map<String, List<String>> derivations() {
		CodeSystem variables = (CodeSystem) fhir().search().byUrl("CodeSystem?url=http://fibroplan.org/fhir/CodeSystem/assessment-variable")
				.returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
		Map<String, List<String>> of = new LinkedHashMap<>();
		for (var concept : variables.getConcept()) {
			of.put(concept.getCode(), concept.getProperty().stream().filter(p -> p.getCode().equals("of")).map(p -> p.getValue().primitiveValue()).toList());
		}
		return of;
	}

	/** A new patient answers once; their assessment by variable, each with its values in order. */
	private Map<String, List<String>> assessmentAfter(Questionnaire questionnaire, Map<String, List<Type>> answers) {
		String patient = fhir().create().resource(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Answers")))
				.execute().getId().getIdPart();
		QuestionnaireResponse response = new QuestionnaireResponse()
				.setQuestionnaire(questionnaire.getUrl() + "|" + questionnaire.getVersion())
				.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED)
				.setSubject(new Reference("Patient/" + patient))
				.setAuthored(new Date(System.currentTimeMillis() / 1000 * 1000 - 60_000));
		fill(response.getItem(), questionnaire.getItem(), answers);
		fhir().create().resource(response).execute();
		Parameters assessment = fhir().operation().onInstance("Patient/" + patient).named("$assessment").withNoParameters(Parameters.class)
				.useHttpGet().execute();
		Map<String, List<String>> values = new TreeMap<>();
		assessment.getParameter().forEach(p -> values.computeIfAbsent(p.getName(), k -> new ArrayList<>()).add(p.getValue().primitiveValue()));
		return values;
	}

	private static void fill(List<QuestionnaireResponseItemComponent> into, List<QuestionnaireItemComponent> items, Map<String, List<Type>> answers) {
		for (QuestionnaireItemComponent item : items) {
			if (item.getType() == Questionnaire.QuestionnaireItemType.GROUP) {
				QuestionnaireResponseItemComponent group = new QuestionnaireResponseItemComponent().setLinkId(item.getLinkId());
				fill(group.getItem(), item.getItem(), answers);
				if (group.hasItem()) {
					into.add(group);
				}
				continue;
			}
			List<Type> given = answers.get(item.getLinkId());
			if (given == null || given.isEmpty() || !enabled(item, answers)) {
				continue;
			}
			QuestionnaireResponseItemComponent answered = new QuestionnaireResponseItemComponent().setLinkId(item.getLinkId());
			given.forEach(value -> answered.addAnswer().setValue(value.copy()));
			into.add(answered);
		}
	}

	private static boolean enabled(QuestionnaireItemComponent item, Map<String, List<Type>> answers) {
		for (QuestionnaireItemEnableWhenComponent when : item.getEnableWhen()) {
			List<Type> given = answers.getOrDefault(when.getQuestion(), List.of());
			boolean holds = switch (when.getOperator()) {
				case EXISTS -> given.isEmpty() != when.getAnswerBooleanType().booleanValue();
				case GREATER_THAN -> given.stream().anyMatch(v -> ((IntegerType) v).getValue() > when.getAnswerIntegerType().getValue());
				case EQUAL -> given.stream().anyMatch(v -> v.equalsDeep(when.getAnswer()) || (v instanceof Coding c && when.getAnswer() instanceof Coding w
						&& c.getCode().equals(w.getCode())));
				default -> throw new IllegalStateException("enableWhen operator " + when.getOperator() + " of " + item.getLinkId() + " not handled by this test");
			};
			if (!holds) {
				return false;
			}
		}
		return true;
	}

	/** Items a patient answers: not groups, not read-only scores the server calculates. */
	private static List<QuestionnaireItemComponent> answerable(List<QuestionnaireItemComponent> items) {
		List<QuestionnaireItemComponent> answerable = new ArrayList<>();
		for (QuestionnaireItemComponent item : items) {
			if (item.getType() == Questionnaire.QuestionnaireItemType.GROUP) {
				answerable.addAll(answerable(item.getItem()));
			} else if (item.getType() != Questionnaire.QuestionnaireItemType.DISPLAY && !item.getReadOnly() && item.getExtensionByUrl(CALCULATED) == null) {
				answerable.add(item);
			}
		}
		return answerable;
	}

	private static List<Type> lowest(QuestionnaireItemComponent item) {
		return switch (item.getType()) {
			case BOOLEAN -> List.of(new BooleanType(false));
			case INTEGER -> List.of(new IntegerType(bound(item, MIN_VALUE, 0)));
			case CHOICE -> item.getRepeats() ? List.of() : List.of(item.getAnswerOptionFirstRep().getValueCoding().copy());
			default -> throw new IllegalStateException(item.getLinkId() + ": item type " + item.getType() + " not handled by this test");
		};
	}

	private static List<Type> highest(QuestionnaireItemComponent item) {
		return switch (item.getType()) {
			case BOOLEAN -> List.of(new BooleanType(true));
			case INTEGER -> List.of(new IntegerType(bound(item, MAX_VALUE, 10)));
			case CHOICE -> item.getRepeats() ? item.getAnswerOption().stream().map(o -> (Type) o.getValueCoding().copy()).toList()
					: List.of(item.getAnswerOption().get(item.getAnswerOption().size() - 1).getValueCoding().copy());
			default -> throw new IllegalStateException(item.getLinkId() + ": item type " + item.getType() + " not handled by this test");
		};
	}

	/** The answers to try instead of the baseline one: the other end of the scale, or each other option from the last. */
	private static List<List<Type>> otherAnswers(QuestionnaireItemComponent item) {
		if (item.getType() == Questionnaire.QuestionnaireItemType.CHOICE) {
			List<List<Type>> others = new ArrayList<>();
			for (int i = item.getAnswerOption().size() - 1; i >= 0; i--) {
				others.add(List.of(item.getAnswerOption().get(i).getValueCoding().copy()));
			}
			return others;
		}
		return List.of(highest(item), lowest(item));
	}

	private static int bound(QuestionnaireItemComponent item, String url, int otherwise) {
		Extension bound = item.getExtensionByUrl(url);
		return bound == null ? otherwise : ((IntegerType) bound.getValue()).getValue();
	}

	private static String describe(List<Type> answer) {
		return answer.stream().map(v -> v instanceof Coding c ? c.getCode() : v.primitiveValue()).collect(Collectors.joining(", "));
	}

	private static Map<String, List<String>> union(Map<String, List<String>> a, Map<String, List<String>> b) {
		Map<String, List<String>> all = new TreeMap<>(a);
		all.putAll(b);
		return all;
	}

	private static String document(List<Use> uses) {
		StringBuilder md = new StringBuilder("# Every answer used\n\n");
		md.append("Generated by `EveryAnswerIsUsedIT`, which fails when an answer reaches no rule or when this page differs from what it found. ")
				.append("For every answerable item of every active Questionnaire (and every option of a tick-any item), a new patient answers ")
				.append("the instrument with that answer changed from a baseline (lowest answers; highest ones when the lowest leave the item no effect). ")
				.append("The patient's assessment (`Patient/{id}/$assessment`) is compared with the baseline patient's; each variable that changed ")
				.append("is traced to the rules (docs/clinical/rules.md) whose condition reads it, or whose rationale shows it to patient and clinician ")
				.append("\"(rationale)\", directly or through a variable derived from it. A ticked option counts only when a rule's condition names it. ")
				.append("Update with `CI=true mvn -B verify -Dtest=NoSuchUnitTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=EveryAnswerIsUsedIT ")
				.append("-Dfailsafe.failIfNoSpecifiedTests=false -Dfibroplan.rules.write=true`.\n\n");
		md.append("| questionnaire | item | answer tried | changes | read by |\n|---|---|---|---|---|\n");
		for (Use use : uses) {
			String readers = use.readers().size() > 5
					? String.join(", ", use.readers().subList(0, 5)) + " and " + (use.readers().size() - 5) + " more"
					: String.join(", ", use.readers());
			md.append("| ").append(use.questionnaire()).append(" | `").append(use.linkId()).append("` ").append(cell(use.text()))
					.append(" | ").append(cell(use.answer()))
					.append(" | ").append(use.changed().isEmpty() ? "-" : use.changed().stream().map(v -> "%" + v).collect(Collectors.joining(", ")))
					.append(" | ").append(use.missing() != null ? "**nothing: " + use.missing() + "**" : readers).append(" |\n");
		}
		return md.toString();
	}

	private static String cell(String text) {
		return text == null ? "-" : text.replace("|", "\\|").replace("\n", " ");
	}
}

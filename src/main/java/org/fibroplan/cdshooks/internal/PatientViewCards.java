package org.fibroplan.cdshooks.internal;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * The patient-view cards for one patient's open clinician-review Task: one card per reason the Task
 * gives, in its order (a red flag first). The words come from FHIR data: the reason's display and
 * definition (CodeSystem review-reason), the flagged answer (the Flag), what to do now (the evidence
 * statement of ActivityDefinition urgent-review), the change category (CodeSystem pain-change).
 * No open Task, no cards.
 */
@Component
class PatientViewCards {

	static final String CRITICAL = "critical";
	static final String WARNING = "warning";
	static final String INFO = "info";
	private static final int SUMMARY_LIMIT = 140;

	private final Definitions definitions;
	private final ReviewTaskStore store;

	PatientViewCards(Definitions definitions, ReviewTaskStore store) {
		this.definitions = definitions;
		this.store = store;
	}

	/** @param launchUrl the workspace's SMART launch URL the cards' links open */
	List<Card> cards(String patientId, Optional<Task> openReview, String launchUrl, String workspaceUrl) {
		if (openReview.isEmpty()) {
			return List.of();
		}
		Task task = openReview.get();
		CodeSystem reasons = definitions.get(CodeSystem.class, FhirTerms.REVIEW_REASON);
		Card.Source source = new Card.Source("FibroPlan", workspaceUrl);
		List<Card.Link> links = List.of(new Card.Link("Open in FibroPlan", launchUrl, "smart", "{\"patient\":\"" + patientId + "\"}"));
		List<Card> cards = new ArrayList<>();
		List<String> worse = new ArrayList<>();
		List<String> worseDefinitions = new ArrayList<>();
		for (Coding reason : task.getReasonCode().getCoding()) {
			if (!FhirTerms.REVIEW_REASON.equals(reason.getSystem())) {
				continue;
			}
			String code = reason.getCode();
			CodeSystem.ConceptDefinitionComponent concept = concept(reasons, code);
			String display = concept == null ? reason.getDisplay() : concept.getDisplay();
			String definition = concept == null ? "" : concept.getDefinition();
			switch (code) {
				case "red-flag" -> cards.add(redFlag(patientId, display, definition, source, links));
				// deterioration and a flare are usually the same rise: one warning card says both
				case "deterioration", "flare" -> {
					worse.add(display);
					worseDefinitions.add(definition);
				}
				default -> cards.add(new Card(uuid(), summary(display), definition, INFO, source, links));
			}
		}
		if (!worse.isEmpty()) {
			Card warning = new Card(uuid(), summary(String.join("; ", worse) + ": " + pegLine(task)),
					changeDetail(task, String.join("\n\n", worseDefinitions)), WARNING, source, links);
			cards.add(cards.isEmpty() || !CRITICAL.equals(cards.get(0).indicator()) ? 0 : 1, warning);
		}
		return cards;
	}

	private Card redFlag(String patientId, String display, String definition, Card.Source source, List<Card.Link> links) {
		List<Flag> flags = store.activeFlags(patientId);
		SimpleDateFormat day = new SimpleDateFormat("d MMM yyyy", Locale.UK);
		List<String> answered = flags.stream().map(f -> f.getCode().getCodingFirstRep().getDisplay()
				+ (f.getPeriod().hasStart() ? " (answered yes on " + day.format(f.getPeriod().getStart()) + ")" : " (answered yes)")).toList();
		StringBuilder detail = new StringBuilder();
		if (!answered.isEmpty()) {
			detail.append("The patient answered yes to: ").append(String.join("; ", answered)).append(".\n\n");
		}
		urgentReviewStatement().ifPresent(statement -> detail.append("**What to do now:** ").append(statement).append("\n\n"));
		detail.append(definition);
		String what = flags.isEmpty() ? display : display + ": " + flags.stream()
				.map(f -> f.getCode().getCodingFirstRep().getDisplay()).reduce((a, b) -> a + ", " + b).orElse("");
		return new Card(uuid(), summary(what), detail.toString().strip(), CRITICAL, source, links);
	}

	/** The clinician-facing reason for the urgent review, as the rules' own evidence statement gives it. */
	private Optional<String> urgentReviewStatement() {
		return definitions.find(ActivityDefinition.class, FhirTerms.URGENT_REVIEW).stream()
				.flatMap(a -> a.getExtensionsByUrl(FhirTerms.EVIDENCE_STATEMENT).stream())
				.map(statement -> statement.getExtensionByUrl("statement"))
				.filter(e -> e != null && e.hasValue())
				.map(Extension::getValue).map(v -> v.primitiveValue()).findFirst();
	}

	private String changeDetail(Task task, String definition) {
		String category = input(task, "peg-change-category");
		CodeSystem.ConceptDefinitionComponent change = category == null ? null
				: concept(definitions.get(CodeSystem.class, FhirTerms.PAIN_CHANGE), category);
		return (change == null ? "" : "Change against baseline: " + change.getDisplay() + ".\n\n") + definition;
	}

	private static String pegLine(Task task) {
		String latest = input(task, "latest-peg");
		String baseline = input(task, "baseline-peg");
		String percent = input(task, "peg-change-percent");
		if (latest == null) {
			return "see FibroPlan";
		}
		String line = "PEG " + latest + (baseline == null ? "" : " against baseline " + baseline);
		if (percent != null) {
			line += " (" + (percent.startsWith("-") ? "" : "+") + percent + " %)";
		}
		return line;
	}

	private static String input(Task task, String type) {
		return task.getInput().stream()
				.filter(i -> i.getType().getCoding().stream().anyMatch(c -> FhirTerms.REVIEW_REASON.equals(c.getSystem()) && type.equals(c.getCode())))
				.map(i -> i.getValue() instanceof Coding coding ? coding.getCode() : i.getValue().primitiveValue())
				.findFirst().orElse(null);
	}

	private static CodeSystem.ConceptDefinitionComponent concept(CodeSystem system, String code) {
		return system.getConcept().stream().filter(c -> code.equals(c.getCode())).findFirst().orElse(null);
	}

	private static String summary(String text) {
		return text.length() < SUMMARY_LIMIT ? text : text.substring(0, SUMMARY_LIMIT - 2) + "…";
	}

	private static String uuid() {
		return UUID.randomUUID().toString();
	}
}

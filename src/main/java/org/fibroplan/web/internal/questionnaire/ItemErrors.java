package org.fibroplan.web.internal.questionnaire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;

/**
 * What is wrong with a submission, by the linkId of the item it belongs to, plus what belongs to no
 * item (shown at the top of the form). Made by {@link FormAnswers} before sending, or from the
 * server's 422 OperationOutcome after.
 */
public final class ItemErrors {

	/** How the server's ResponseValidationInterceptor starts an item's diagnostics. */
	private static final Pattern ITEM_PREFIX = Pattern.compile("^Item '([^']+)':\\s*");
	private static final Pattern ITEM_STEP = Pattern.compile("(item|answer)\\[(\\d+)\\]");
	private static final String FALLBACK = "This answer could not be accepted. Please check it.";

	private final Map<String, List<String>> byLinkId;
	private final List<String> formLevel;

	private ItemErrors(Map<String, List<String>> byLinkId, List<String> formLevel) {
		this.byLinkId = byLinkId;
		this.formLevel = formLevel;
	}

	public static ItemErrors none() {
		return new ItemErrors(Map.of(), List.of());
	}

	public static ItemErrors fromOutcome(OperationOutcome outcome) {
		return fromOutcome(outcome, null);
	}

	/**
	 * @param sent the response that was refused, if at hand: an issue that only gives a location such as
	 *     {@code QuestionnaireResponse.item[1].item[0]} is traced through it to its item's linkId
	 */
	public static ItemErrors fromOutcome(OperationOutcome outcome, QuestionnaireResponse sent) {
		Map<String, List<String>> byLinkId = new LinkedHashMap<>();
		List<String> formLevel = new ArrayList<>();
		if (outcome == null) {
			return none();
		}
		for (OperationOutcomeIssueComponent issue : outcome.getIssue()) {
			if (issue.getSeverity() == IssueSeverity.WARNING || issue.getSeverity() == IssueSeverity.INFORMATION) {
				continue; // the server stored nothing because of errors; warnings would only distract
			}
			String diagnostics = issue.hasDiagnostics() ? issue.getDiagnostics().trim() : "";
			Matcher prefix = ITEM_PREFIX.matcher(diagnostics);
			String linkId = issue.getDetails().hasText() ? issue.getDetails().getText().trim()
					: prefix.find() ? prefix.group(1)
					: linkIdAt(sent, issue);
			String message = ITEM_PREFIX.matcher(diagnostics).replaceFirst("");
			if (linkId == null || linkId.isEmpty()) {
				add(formLevel, message.isEmpty() ? FALLBACK : message);
			} else {
				add(byLinkId.computeIfAbsent(linkId, k -> new ArrayList<>()), message.isEmpty() ? FALLBACK : message);
			}
		}
		return new ItemErrors(byLinkId, formLevel);
	}

	static ItemErrors of(Map<String, String> problems) {
		Map<String, List<String>> byLinkId = new LinkedHashMap<>();
		problems.forEach((linkId, message) -> byLinkId.put(linkId, List.of(message)));
		return new ItemErrors(byLinkId, List.of());
	}

	public boolean isEmpty() {
		return byLinkId.isEmpty() && formLevel.isEmpty();
	}

	/** The item's messages as one sentence or more, for the text next to it. */
	public Optional<String> forItem(String linkId) {
		List<String> messages = byLinkId.get(linkId);
		return messages == null || messages.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", messages));
	}

	public Set<String> linkIds() {
		return Collections.unmodifiableSet(byLinkId.keySet());
	}

	public List<String> formLevel() {
		return Collections.unmodifiableList(formLevel);
	}

	@Override
	public String toString() {
		return "ItemErrors" + byLinkId + (formLevel.isEmpty() ? "" : " form: " + formLevel);
	}

	private static void add(List<String> messages, String message) {
		if (!messages.contains(message)) {
			messages.add(message);
		}
	}

	/** Follows item[i] / answer[j] steps of the issue's expression (or location) through the sent response. */
	private static String linkIdAt(QuestionnaireResponse sent, OperationOutcomeIssueComponent issue) {
		if (sent == null) {
			return null;
		}
		String path = issue.hasExpression() ? issue.getExpression().get(0).getValue()
				: issue.hasLocation() ? issue.getLocation().get(0).getValue() : null;
		if (path == null) {
			return null;
		}
		List<QuestionnaireResponseItemComponent> items = sent.getItem();
		QuestionnaireResponseItemComponent current = null;
		Matcher step = ITEM_STEP.matcher(path);
		while (step.find()) {
			int index = Integer.parseInt(step.group(2));
			if (step.group(1).equals("item")) {
				if (items == null || index >= items.size()) {
					break;
				}
				current = items.get(index);
				items = current.getItem();
			} else if (current != null && index < current.getAnswer().size()) {
				items = current.getAnswer().get(index).getItem();
			} else {
				break;
			}
		}
		return current == null ? null : current.getLinkId();
	}
}

package org.fibroplan.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;

/**
 * What changed between two versions of a plan, as a clinician asks it: activities added, taken out or
 * changed (dose, what the patient reads, grade), the status, goals, notes and the baseline the plan is
 * judged against. Activities are matched by the catalogue definition they come from.
 */
record PlanDifference(String fromVersion, String toVersion, String statusBefore, String statusAfter,
		List<ActivityView> added, List<ActivityView> removed, List<ActivityChange> changed,
		int goalsAdded, int goalsRemoved, List<String> notesAdded, boolean baselineChanged) {

	/** One activity in both versions, before and after, and what about it changed (in words). */
	record ActivityChange(ActivityView before, ActivityView after, List<String> what) {}

	static PlanDifference between(CarePlan from, CarePlan to, PlanReading reading) {
		Map<String, ActivityView> before = activities(from, reading);
		Map<String, ActivityView> after = activities(to, reading);
		List<ActivityView> added = new ArrayList<>();
		List<ActivityChange> changed = new ArrayList<>();
		after.forEach((key, now) -> {
			ActivityView earlier = before.get(key);
			if (earlier == null) {
				added.add(now);
				return;
			}
			List<String> what = new ArrayList<>();
			if (!Objects.equals(earlier.dose(), now.dose())) {
				what.add("dose");
			}
			if (!Objects.equals(earlier.description(), now.description())) {
				what.add("what the patient reads");
			}
			if (!Objects.equals(earlier.grade(), now.grade())) {
				what.add("evidence grade");
			}
			if (!Objects.equals(earlier.rationale(), now.rationale())) {
				what.add("why");
			}
			if (!what.isEmpty()) {
				changed.add(new ActivityChange(earlier, now, what));
			}
		});
		List<ActivityView> removed = before.entrySet().stream().filter(e -> !after.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
		Set<String> goalsBefore = references(from.getGoal());
		Set<String> goalsAfter = references(to.getGoal());
		Set<String> notesBefore = new LinkedHashSet<>(from.getNote().stream().map(Annotation::getText).toList());
		return new PlanDifference(version(from), version(to), from.getStatus().toCode(), to.getStatus().toCode(),
				added, removed, changed,
				(int) goalsAfter.stream().filter(g -> !goalsBefore.contains(g)).count(),
				(int) goalsBefore.stream().filter(g -> !goalsAfter.contains(g)).count(),
				to.getNote().stream().map(Annotation::getText).filter(Objects::nonNull).filter(n -> !notesBefore.contains(n)).toList(),
				!references(from.getSupportingInfo()).equals(references(to.getSupportingInfo())));
	}

	public boolean isEmpty() {
		return statusBefore.equals(statusAfter) && added.isEmpty() && removed.isEmpty() && changed.isEmpty()
				&& goalsAdded == 0 && goalsRemoved == 0 && notesAdded.isEmpty() && !baselineChanged;
	}

	/** In a line: "approved; 1 activity added (Walking); dose changed: Cycling". */
	public String summary() {
		List<String> parts = new ArrayList<>();
		if (!statusBefore.equals(statusAfter)) {
			parts.add(statusChange());
		}
		if (!added.isEmpty()) {
			parts.add("added: " + titles(added));
		}
		if (!removed.isEmpty()) {
			parts.add("taken out: " + titles(removed));
		}
		if (!changed.isEmpty()) {
			parts.add("changed: " + String.join(", ", changed.stream().map(c -> c.after().title() + " (" + String.join(", ", c.what()) + ")").toList()));
		}
		if (goalsAdded + goalsRemoved > 0) {
			parts.add("goals changed");
		}
		if (!notesAdded.isEmpty()) {
			parts.add(notesAdded.size() == 1 ? "a note added" : notesAdded.size() + " notes added");
		}
		if (baselineChanged) {
			parts.add("baseline changed");
		}
		return parts.isEmpty() ? "no change a reader would see" : String.join("; ", parts);
	}

	/** The status change in a clinician's words. */
	public String statusChange() {
		if ("draft".equals(statusBefore) && "active".equals(statusAfter)) {
			return "approved";
		}
		if ("active".equals(statusBefore) && "revoked".equals(statusAfter)) {
			return "replaced by a newer approved plan";
		}
		return statusBefore.equals(statusAfter) ? "still " + statusAfter : "status " + statusBefore + " → " + statusAfter;
	}

	private static String titles(List<ActivityView> activities) {
		return String.join(", ", activities.stream().map(ActivityView::title).toList());
	}

	private static Map<String, ActivityView> activities(CarePlan plan, PlanReading reading) {
		Map<String, ActivityView> byKey = new LinkedHashMap<>();
		plan.getActivity().forEach(a -> {
			ActivityView view = ActivityView.of(plan, a, "same", reading);
			byKey.putIfAbsent(view.key(), view);
		});
		return byKey;
	}

	private static Set<String> references(List<Reference> references) {
		Set<String> found = new LinkedHashSet<>();
		references.stream().map(Reference::getReference).filter(Objects::nonNull).forEach(found::add);
		return found;
	}

	private static String version(CarePlan plan) {
		return plan.getIdElement().getVersionIdPart();
	}
}

package org.fibroplan.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.CarePlan;

/** The draft's activities beside the active plan's, each marked new, changed, same or removed. */
final class PlanComparison {

	private PlanComparison() {}

	static List<ActivityView> draftAgainstActive(CarePlan draft, CarePlan active, PlanReading reading) {
		Map<String, ActivityView> before = new LinkedHashMap<>();
		if (active != null) {
			active.getActivity().forEach(a -> {
				ActivityView view = ActivityView.of(active, a, "same", reading);
				before.putIfAbsent(view.key(), view);
			});
		}
		List<ActivityView> result = new ArrayList<>();
		for (var activity : draft.getActivity()) {
			ActivityView now = ActivityView.of(draft, activity, "same", reading);
			ActivityView earlier = before.remove(now.key());
			// with no active plan there is nothing to compare with: no marks
			String change = active == null ? "same" : earlier == null ? "new"
					: Objects.equals(earlier.dose(), now.dose()) && Objects.equals(earlier.description(), now.description()) ? "same" : "changed";
			result.add(now.withChange(change));
		}
		before.values().forEach(gone -> result.add(gone.withChange("removed")));
		return result;
	}

	static List<ActivityView> of(CarePlan plan, PlanReading reading) {
		return plan == null ? List.of() : plan.getActivity().stream().map(a -> ActivityView.of(plan, a, "same", reading)).toList();
	}
}

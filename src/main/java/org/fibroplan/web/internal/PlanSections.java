package org.fibroplan.web.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.springframework.stereotype.Component;

/**
 * A plan read in sections rather than one long list: the sections of CodeSystem plan-section, in its
 * order (move, stretch, sleep and mood, referrals, check-ins, ...), and which activity goes in which
 * (ConceptMap care-activity-plan-section). An activity the map does not place comes last, under "Other";
 * empty sections are left out.
 */
@Component
class PlanSections {

	/** One section of a plan with its activities, in the plan's order; {@code id} is the section's anchor on the page. */
	record Section(String id, String code, String name, List<ActivityView> activities) {}

	private static final String OTHER = "other";

	private final Definitions definitions;

	PlanSections(Definitions definitions) {
		this.definitions = definitions;
	}

	/** The activities in their sections; {@code prefix} keeps the anchors of two plans on one page apart. */
	List<Section> of(List<ActivityView> activities, String prefix) {
		Map<String, String> names = new LinkedHashMap<>();
		definitions.find(CodeSystem.class, FhirTerms.PLAN_SECTION)
				.ifPresent(system -> system.getConcept().forEach(c -> names.put(c.getCode(), c.getDisplay())));
		names.put(OTHER, "Other");
		Map<String, String> sectionOf = new HashMap<>();
		definitions.find(ConceptMap.class, FhirTerms.PLAN_SECTION_MAP).ifPresent(map -> map.getGroup().stream()
				.filter(g -> FhirTerms.CARE_ACTIVITY.equals(g.getSource()))
				.forEach(g -> g.getElement().forEach(e -> sectionOf.put(e.getCode(), e.getTargetFirstRep().getCode()))));
		Map<String, List<ActivityView>> grouped = new LinkedHashMap<>();
		names.keySet().forEach(code -> grouped.put(code, new ArrayList<>()));
		for (ActivityView activity : activities) {
			String section = activity.careActivity() == null ? OTHER : sectionOf.getOrDefault(activity.careActivity(), OTHER);
			grouped.computeIfAbsent(section, code -> new ArrayList<>()).add(activity);
		}
		List<Section> sections = new ArrayList<>();
		grouped.forEach((code, list) -> {
			if (!list.isEmpty()) {
				sections.add(new Section(prefix + "section-" + code, code, names.getOrDefault(code, code), List.copyOf(list)));
			}
		});
		return sections;
	}
}

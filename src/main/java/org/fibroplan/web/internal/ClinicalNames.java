package org.fibroplan.web.internal;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;

/**
 * What the pages call a coded thing: the name a clinician uses, from the displays of the project's own
 * CodeSystems and ConceptMaps (fhir-profiles/) as the server holds them now, so renaming a code is an
 * edit of the package, not of Java. The code itself is a detail (a tooltip), never the name.
 */
@Component
class ClinicalNames {

	private static final String CODE_SYSTEMS = FhirTerms.BASE + "/CodeSystem/";
	private static final String PAIN_SITES = FhirTerms.BASE + "/CodeSystem/pain-site";

	private final Definitions definitions;

	ClinicalNames(Definitions definitions) {
		this.definitions = definitions;
	}

	/**
	 * A concept's name: the display a FibroPlan CodeSystem gives one of its codings, else the display a
	 * FibroPlan ConceptMap gives it (LOINC scores the rules read), else its text, a coding's display, its code.
	 */
	public String of(CodeableConcept concept) {
		if (concept == null) {
			return null;
		}
		for (Coding coding : concept.getCoding()) {
			Optional<String> display = ownDisplay(coding);
			if (display.isPresent()) {
				return display.get();
			}
		}
		for (Coding coding : concept.getCoding()) {
			Optional<String> display = mappedDisplay(coding);
			if (display.isPresent()) {
				return display.get();
			}
		}
		return ActivityView.text(concept);
	}

	/** The codes behind a name, for a tooltip: "LOINC 55758-7", "red-flag night-pain". */
	public String codes(CodeableConcept concept) {
		if (concept == null || !concept.hasCoding()) {
			return null;
		}
		return concept.getCoding().stream().filter(Coding::hasCode).map(ClinicalNames::code).collect(Collectors.joining(", "));
	}

	static String code(Coding coding) {
		String system = coding.getSystem() == null ? "" : coding.getSystem();
		String name = switch (system) {
			case FhirTerms.LOINC -> "LOINC";
			case FhirTerms.SNOMED -> "SNOMED CT";
			default -> system.startsWith(CODE_SYSTEMS) ? system.substring(CODE_SYSTEMS.length()) : system;
		};
		return (name.isEmpty() ? "" : name + " ") + coding.getCode();
	}

	/** What an Observation measures, with its site for a pain score: "PHQ-2 total score", "Left hip pain". */
	public String observation(Observation observation) {
		if (observation.hasBodySite() && observation.getCode().getCoding().stream()
				.anyMatch(c -> FhirTerms.LOINC.equals(c.getSystem()) && FhirTerms.PAIN_SCORE.equals(c.getCode()))) {
			return painAt(observation.getBodySite());
		}
		String name = of(observation.getCode());
		return observation.hasBodySite() ? name + " (" + site(observation.getBodySite()) + ")" : name;
	}

	/** A pain rating's name from its site: "Left hip pain", "Buttock pain (both sides)"; a site named for pain stays as it is ("Worst pain overall"). */
	public String painAt(CodeableConcept bodySite) {
		String site = siteAlone(bodySite);
		String name = capitalised(site.toLowerCase(Locale.ROOT).contains("pain") ? site : site + " pain");
		return side(bodySite, site).map(side -> name + " (" + side + ")").orElse(name);
	}

	/**
	 * A body site as the plan names it (ConceptMap pain-site to CodeSystem pain-site: "left hip", "worst
	 * pain overall"), its side added when the laterality extension gives one ("buttock (both sides)").
	 */
	public String site(CodeableConcept bodySite) {
		String site = siteAlone(bodySite);
		return side(bodySite, site).map(side -> site + " (" + side + ")").orElse(site);
	}

	private String siteAlone(CodeableConcept bodySite) {
		return planSite(bodySite).orElseGet(() -> bodySite.hasText() ? bodySite.getText()
				: bodySite.getCoding().stream().map(Coding::getDisplay).filter(Objects::nonNull).findFirst().orElse("site"));
	}

	/** The side the laterality extension names, unless the site's name says it already. */
	private Optional<String> side(CodeableConcept bodySite, String site) {
		Extension laterality = bodySite.getExtensionByUrl(FhirTerms.LATERALITY);
		if (laterality != null && laterality.getValue() instanceof CodeableConcept side) {
			String sideName = planSite(side).orElse(ActivityView.text(side));
			if (!site.toLowerCase(Locale.ROOT).contains(sideName.toLowerCase(Locale.ROOT))) {
				return Optional.of(sideName);
			}
		}
		return Optional.empty();
	}

	/** The plan's code for a body site (CodeSystem pain-site: left-hip, overall, ...), by ConceptMap pain-site. */
	public Optional<String> siteCode(CodeableConcept bodySite) {
		ConceptMap map = definitions.find(ConceptMap.class, FhirTerms.PAIN_SITE_MAP).orElse(null);
		if (map == null || bodySite == null) {
			return Optional.empty();
		}
		return bodySite.getCoding().stream().flatMap(coding -> map.getGroup().stream()
						.filter(group -> PAIN_SITES.equals(group.getTarget()) && Objects.equals(group.getSource(), coding.getSystem()))
						.flatMap(group -> group.getElement().stream())
						.filter(element -> Objects.equals(element.getCode(), coding.getCode()) && element.hasTarget())
						.map(element -> element.getTargetFirstRep().getCode()))
				.findFirst();
	}

	private Optional<String> planSite(CodeableConcept concept) {
		ConceptMap map = definitions.find(ConceptMap.class, FhirTerms.PAIN_SITE_MAP).orElse(null);
		if (map == null) {
			return Optional.empty();
		}
		for (Coding coding : concept.getCoding()) {
			for (var group : map.getGroup()) {
				if (!Objects.equals(group.getSource(), coding.getSystem())) {
					continue;
				}
				for (var element : group.getElement()) {
					if (Objects.equals(element.getCode(), coding.getCode()) && element.hasTarget()) {
						Optional<String> display = ownDisplay(new Coding(group.getTarget(), element.getTargetFirstRep().getCode(), null));
						if (display.isPresent()) {
							return display;
						}
					}
				}
			}
		}
		return Optional.empty();
	}

	/** The codes of one of the project's CodeSystems with their names, in its order: the choices a form offers. */
	public List<Coding> concepts(String system) {
		return definitions.find(CodeSystem.class, system).map(cs -> cs.getConcept().stream()
				.map(c -> new Coding(system, c.getCode(), c.getDisplay())).toList()).orElse(List.of());
	}

	/** An evidence grade's name (CodeSystem evidence-grade: "Strong for"), or null when the activity has none. */
	public String grade(String code) {
		return code == null ? null : ownDisplay(new Coding(FhirTerms.EVIDENCE_GRADE_SYSTEM, code, null)).orElse(code);
	}

	/** Whether guidelines advise against an activity of this grade (ValueSet advised-against-grades). */
	public boolean advisedAgainst(String gradeCode) {
		return gradeCode != null && definitions.find(org.hl7.fhir.r4.model.ValueSet.class, FhirTerms.ADVISED_AGAINST_GRADES).stream()
				.flatMap(set -> set.getCompose().getInclude().stream())
				.filter(include -> FhirTerms.EVIDENCE_GRADE_SYSTEM.equals(include.getSystem()))
				.anyMatch(include -> include.getConcept().stream().anyMatch(c -> gradeCode.equals(c.getCode())));
	}

	/** The catalogue's title for an activity definition (by canonical), when the plan's activity names nothing. */
	public Optional<String> activityTitle(String definitionUrl) {
		if (definitionUrl == null || !definitionUrl.startsWith(FhirTerms.BASE)) {
			return Optional.empty();
		}
		return definitions.find(ActivityDefinition.class, definitionUrl)
				.map(definition -> definition.hasTitle() ? definition.getTitle() : definition.getName());
	}

	/** The display the project's own CodeSystem gives this code (nested concepts included). */
	Optional<String> ownDisplay(Coding coding) {
		if (coding.getSystem() == null || !coding.getSystem().startsWith(CODE_SYSTEMS) || coding.getCode() == null) {
			return Optional.empty();
		}
		return definitions.find(CodeSystem.class, coding.getSystem())
				.flatMap(system -> find(system.getConcept(), coding.getCode()))
				.map(ConceptDefinitionComponent::getDisplay);
	}

	private static Optional<ConceptDefinitionComponent> find(List<ConceptDefinitionComponent> concepts, String code) {
		for (ConceptDefinitionComponent concept : concepts) {
			if (code.equals(concept.getCode()) && concept.hasDisplay()) {
				return Optional.of(concept);
			}
			Optional<ConceptDefinitionComponent> nested = find(concept.getConcept(), code);
			if (nested.isPresent()) {
				return nested;
			}
		}
		return Optional.empty();
	}

	/**
	 * For a code the project maps to what the rules read (ConceptMap observation-assessment-variable), the
	 * display of the first variable it feeds: LOINC 55758-7 "PHQ-2 total", 72514-3 "Worst pain overall".
	 */
	private Optional<String> mappedDisplay(Coding coding) {
		if (coding.getCode() == null) {
			return Optional.empty();
		}
		return definitions.find(ConceptMap.class, FhirTerms.OBSERVATION_VARIABLE_MAP).stream()
				.flatMap(map -> map.getGroup().stream())
				.filter(group -> Objects.equals(group.getSource(), coding.getSystem()))
				.flatMap(group -> group.getElement().stream()
						.filter(element -> coding.getCode().equals(element.getCode()) && element.hasTarget())
						.map(element -> new Coding(group.getTarget(), element.getTargetFirstRep().getCode(), null)))
				.map(this::ownDisplay).flatMap(Optional::stream)
				.findFirst();
	}

	private static String capitalised(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}
}

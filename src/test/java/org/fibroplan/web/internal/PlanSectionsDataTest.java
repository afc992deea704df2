package org.fibroplan.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.junit.jupiter.api.Test;

/** Every activity the catalogue knows is read in exactly one section of a plan, and only in sections that exist. */
class PlanSectionsDataTest {

	@Test
	void everyCareActivityHasOneSectionThatExists() throws IOException {
		CodeSystem activities = read(CodeSystem.class, "CodeSystem-care-activity.json");
		CodeSystem sections = read(CodeSystem.class, "CodeSystem-plan-section.json");
		ConceptMap map = read(ConceptMap.class, "ConceptMap-care-activity-plan-section.json");
		Set<String> sectionCodes = sections.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode).collect(Collectors.toSet());
		var elements = map.getGroupFirstRep().getElement();
		assertThat(elements).extracting(e -> e.getCode())
				.containsExactlyInAnyOrderElementsOf(activities.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode).toList());
		assertThat(elements).allSatisfy(e -> {
			assertThat(e.getTarget()).as(e.getCode()).hasSize(1);
			assertThat(sectionCodes).as(e.getCode()).contains(e.getTargetFirstRep().getCode());
		});
	}

	private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T read(Class<T> type, String file) throws IOException {
		return FhirContext.forR4Cached().newJsonParser().parseResource(type, Files.readString(Path.of("fhir-profiles", file)));
	}
}

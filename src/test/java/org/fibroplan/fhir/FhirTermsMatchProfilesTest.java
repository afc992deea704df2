package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fibroplan.fhir.internal.ProfilePackage;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** A FibroPlan URL in FhirTerms names a resource of fhir-profiles/, or is one of the identifier systems listed here. */
class FhirTermsMatchProfilesTest {

	/** Systems of FibroPlan's own identifiers (and token claims): names for keys, not resources. */
	static final Set<String> IDENTIFIER_SYSTEMS = Set.of(FhirTerms.PLAN_IDENTIFIER, FhirTerms.GOAL_IDENTIFIER,
			FhirTerms.REFERRAL_IDENTIFIER, FhirTerms.DELIVERY_IDENTIFIER, FhirTerms.SOFTWARE, FhirTerms.OAUTH_CLIENT,
			FhirTerms.FHIR_USER, FhirTerms.TOKEN_SUBJECT, FhirTerms.DEMO_USER);
	static final List<String> CANONICAL_TYPES = List.of("StructureDefinition", "CodeSystem", "ValueSet", "ConceptMap",
			"PlanDefinition", "ActivityDefinition", "Questionnaire", "SearchParameter");

	@Test
	void everyProjectUrlNamesAPackageResourceOrAnIdentifierSystem() throws IOException {
		Set<String> installed = canonicals();
		List<String> unknown = new ArrayList<>();
		for (Field field : constants()) {
			String value = (String) get(field);
			if (value.startsWith(FhirTerms.BASE + "/") && !IDENTIFIER_SYSTEMS.contains(value) && !installed.contains(value)) {
				unknown.add(field.getName() + " = " + value);
			}
		}
		assertThat(unknown).as("FhirTerms constants with no resource of that url in fhir-profiles/").isEmpty();
	}

	/** So the list cannot excuse a missing definition: a canonical names its resource type. */
	@Test
	void identifierSystemsAreNotCanonicalsOfResources() {
		assertThat(IDENTIFIER_SYSTEMS).noneMatch(system -> CANONICAL_TYPES.stream().anyMatch(t -> system.contains("/" + t + "/")));
	}

	/** With url|version as well, so a constant may pin a version. */
	private static Set<String> canonicals() throws IOException {
		ProfilePackage profiles = new ProfilePackage(FhirContext.forR4Cached(),
				new FhirServerProperties(true, "file:fhir-profiles/", 20, 200, DataSize.ofMegabytes(2), 10_000, java.time.Duration.ofSeconds(5)));
		return profiles.resources().stream()
				.flatMap(r -> r.hasVersion() ? Stream.of(r.getUrl(), r.getUrl() + "|" + r.getVersion()) : Stream.of(r.getUrl()))
				.collect(Collectors.toSet());
	}

	private static List<Field> constants() {
		return Arrays.stream(FhirTerms.class.getDeclaredFields())
				.filter(f -> Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
				.toList();
	}

	private static Object get(Field field) {
		try {
			return field.get(null);
		} catch (IllegalAccessException e) {
			throw new IllegalStateException(e);
		}
	}
}

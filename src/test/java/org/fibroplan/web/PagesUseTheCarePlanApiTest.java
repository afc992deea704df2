package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;

/**
 * The pages learn what the care-plan rules saw through the careplan module's Java API (CarePlans and
 * PatientAssessment), never by naming the rules' variables in strings or calling the module's own FHIR
 * operations: a renamed variable must break the build, not blank a column.
 */
class PagesUseTheCarePlanApiTest {

	private static final Path WEB = Path.of("src/main/java/org/fibroplan/web");
	private static final Path VARIABLES = Path.of("fhir-profiles/CodeSystem-assessment-variable.json");
	private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

	@Test
	void noPageReadsAnAssessmentVariableByName() throws IOException {
		Set<String> variables = FhirContext.forR4Cached().newJsonParser().parseResource(CodeSystem.class, Files.readString(VARIABLES))
				.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode).collect(Collectors.toSet());
		assertThat(variables).contains("peg", "pegBaseline", "redFlag");
		assertThat(literals()).as("string literals in web naming a care-plan rule variable")
				.noneMatch(found -> variables.contains(found.text()));
	}

	@Test
	void noPageCallsTheCarePlanOperationsOverFhir() throws IOException {
		assertThat(literals()).as("string literals in web naming the care-plan module's own FHIR operations")
				.noneMatch(found -> found.text().contains("$assessment") || found.text().contains("$apply"));
	}

	private record Literal(Path file, String text) {}

	private static List<Literal> literals() throws IOException {
		List<Literal> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(WEB)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				Matcher matcher = STRING.matcher(Files.readString(file));
				while (matcher.find()) {
					found.add(new Literal(file, matcher.group(1)));
				}
			}
		}
		assertThat(found).as("the web module's sources were read").hasSizeGreaterThan(20);
		return found;
	}
}

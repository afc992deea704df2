package org.fibroplan.careplan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fibroplan.careplan.internal.rules.EvidenceGrading;
import org.fibroplan.careplan.internal.rules.EvidenceStatement;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

/**
 * Every ActivityDefinition of fhir-profiles/ states the recommendations it rests on, and its grade claims
 * no more than they say (the rule of docs/clinical/evidence.md, which compiling the rules also applies).
 */
class ActivityEvidenceTest {

	static List<ActivityDefinition> all() {
		try (Stream<Path> files = Files.list(Path.of("fhir-profiles"))) {
			return files.filter(f -> f.getFileName().toString().startsWith("ActivityDefinition-")).sorted()
					.map(ActivityEvidenceTest::read).toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static ActivityDefinition read(Path file) {
		try {
			return FhirContext.forR4Cached().newJsonParser().parseResource(ActivityDefinition.class, Files.readString(file));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ActivityDefinition named(String id) {
		return all().stream().filter(a -> a.getIdElement().getIdPart().equals(id)).findFirst().orElseThrow();
	}

	static CodeableConcept grade(ActivityDefinition activity) {
		return (CodeableConcept) activity.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE).getValue();
	}

	@Test
	void everyActivityStatesWhatItRestsOnAndItsGradeClaimsNoMore() {
		List<ActivityDefinition> activities = all();
		assertThat(activities).hasSizeGreaterThan(30);
		assertThat(activities).allSatisfy(activity -> {
			assertThat(EvidenceStatement.of(activity)).as(activity.getUrl()).isNotEmpty();
			assertThatCode(() -> EvidenceGrading.check(activity, grade(activity))).as(activity.getUrl()).doesNotThrowAnyException();
		});
	}

	@Test
	void everyGradeOrCertaintyAStatementReportsSaysWhereItWasCheckedOrThatItWasNot() {
		assertThat(all()).allSatisfy(activity -> assertThat(EvidenceStatement.of(activity))
				.filteredOn(s -> s.graded() || s.certainty().isPresent())
				.as(activity.getUrl())
				.allSatisfy(s -> assertThat(s.checked().isPresent() || s.note().orElse("").contains("Not checked against"))
						.as(s.source() + ": " + s.statement()).isTrue()));
	}

	@Test
	void groupExerciseIsStrongForOnNiceNg193WhichWasCheckedInItsOwnWords() {
		ActivityDefinition group = named("group-exercise");

		assertThat(grade(group).getCodingFirstRep().getCode()).isEqualTo("strong-for");
		assertThat(EvidenceStatement.of(group)).anySatisfy(s -> {
			assertThat(s.source()).isEqualTo("nice-ng193");
			assertThat(s.scope()).isEqualTo(EvidenceStatement.Scope.DIRECT);
			assertThat(s.grade()).contains("strong-for");
			assertThat(s.condition()).hasValueSatisfying(c -> assertThat(c).contains("chronic primary pain").contains("fibromyalgia"));
			assertThat(s.checked()).contains("NG193 rec 1.2.1 and its rationale");
		});
	}

	@Test
	void theEularGradesAgainstMassageChiropracticStrongOpioidsAndCorticosteroidsStayMarkedUnchecked() {
		for (String id : List.of("massage", "chiropractic", "medication-review")) {
			assertThat(EvidenceStatement.of(named(id))).as(id)
					.filteredOn(s -> s.source().equals("eular") && s.grade().orElse("").endsWith("-against"))
					.singleElement()
					.satisfies(s -> {
						assertThat(s.checked()).isEmpty();
						assertThat(s.note()).hasValueSatisfying(n -> assertThat(n).contains("Not checked against the paper's own words").contains("Table 3"));
					});
		}
		assertThat(EvidenceStatement.of(named("medication-review"))).filteredOn(s -> s.source().equals("eular-2008")).singleElement()
				.satisfies(s -> assertThat(s.statement()).contains("against corticosteroids and strong opioids"));
	}

	@Test
	void aStrongGradeThatOnlyABroaderClassEarnsIsRefusedAndSaysWhatToUse() {
		ActivityDefinition stretch = named("hip-flexor-stretch");
		CodeableConcept claimed = new CodeableConcept(new Coding(FhirTerms.EVIDENCE_GRADE_SYSTEM, "strong-for", null)).setText("EULAR 2016: strong for (exercise)");

		assertThatThrownBy(() -> EvidenceGrading.check(stretch, claimed))
				.hasMessageContaining("claims strong-for, but no statement covering the activity directly gives it")
				.hasMessageContaining("makes it not-graded-alone");
	}

	@Test
	void partOfAProgrammeMustNameTheProgramme() {
		ActivityDefinition stretch = named("gluteal-piriformis-stretch");
		CodeableConcept silent = grade(stretch).copy().setText("Not graded on its own");

		assertThatThrownBy(() -> EvidenceGrading.check(stretch, silent)).hasMessageContaining("does not say which class it is part of (exercise");
	}

	@Test
	void anActivityWithoutAStatementIsRefused() {
		ActivityDefinition bare = named("heat-cold").copy();
		bare.getExtension().removeIf(e -> e.getUrl().equals(FhirTerms.EVIDENCE_STATEMENT));

		assertThatThrownBy(() -> EvidenceGrading.check(bare, grade(bare))).hasMessageContaining("states no recommendation it rests on");
	}

	@Test
	void noGradedEvidenceIsRefusedWhereASourceGradesTheActivityAndAStatementMustNameItsCitation() {
		ActivityDefinition massage = named("massage");
		CodeableConcept understated = new CodeableConcept(new Coding(FhirTerms.EVIDENCE_GRADE_SYSTEM, "no-graded-evidence", null)).setText("Self-management");
		assertThatThrownBy(() -> EvidenceGrading.check(massage, understated)).hasMessageContaining("says no graded evidence, but eular grades it");

		ActivityDefinition uncited = massage.copy();
		uncited.getRelatedArtifact().removeIf(a -> "nice-ng59".equals(a.getLabel()));
		assertThatThrownBy(() -> EvidenceGrading.check(uncited, grade(uncited))).hasMessageContaining("names source 'nice-ng59'");
	}

	@Test
	void theStretchesRestOnExerciseAsABroaderClassAndOnTheFlexibilityReviewDirectly() {
		for (String id : List.of("hip-flexor-stretch", "gluteal-piriformis-stretch", "hamstring-stretch")) {
			ActivityDefinition stretch = named(id);
			assertThat(grade(stretch).getCodingFirstRep().getCode()).as(id).isEqualTo("not-graded-alone");
			List<EvidenceStatement> statements = EvidenceStatement.of(stretch);
			assertThat(statements).as(id).anySatisfy(s -> {
				assertThat(s.source()).isEqualTo("eular");
				assertThat(s.scope()).isEqualTo(EvidenceStatement.Scope.BROADER_CLASS);
				assertThat(s.broaderClass()).contains("exercise");
				assertThat(s.grade()).contains("strong-for");
			});
			assertThat(statements).as(id).anySatisfy(s -> {
				assertThat(s.source()).isEqualTo("cochrane-flexibility");
				assertThat(s.scope()).isEqualTo(EvidenceStatement.Scope.DIRECT);
				assertThat(s.grade()).isEmpty();
				assertThat(s.certainty()).contains("low to very low");
			});
		}
	}

	@Test
	void acupunctureShowsBothSidesEularWeakForAndNiceAgainstForLowBackPainAndOsteoarthritis() {
		List<EvidenceStatement> statements = EvidenceStatement.of(named("acupuncture"));

		assertThat(statements).extracting(s -> s.source() + " " + s.grade().orElse("-") + " " + s.condition().orElse("fibromyalgia"))
				.contains("eular weak-for fibromyalgia", "nice-ng59 strong-against low back pain", "nice-ng226 strong-against osteoarthritis",
						"nice-ng193 weak-for chronic primary pain (fibromyalgia is one)");
		assertThat(grade(named("acupuncture")).getText()).contains("does not recommend it for low back pain (NG59) or osteoarthritis (NG226)");
	}

	@Test
	void theMedicationReviewShowsWhereNiceDisagreesAndOrdersNothing() {
		ActivityDefinition review = named("medication-review");

		assertThat(review.hasKind()).as("a conversation, never a MedicationRequest").isFalse();
		assertThat(review.getDescription()).contains("not a prescription").contains("NICE (NG193, 2021) differs").contains("Only your clinician can decide");
		assertThat(EvidenceStatement.of(review)).anySatisfy(s -> assertThat(s.grade()).contains("strong-against"));
	}
}

package org.fibroplan.careplan.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.fibroplan.careplan.internal.assessment.PatientRecord;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * A patient's history written as a story, day by day, producing the Observations the PRO module would
 * have stored: {@code story.day(0).pain("left-hip", 6).peg(6, 7, 8).context(...)}.
 */
final class PatientStory {

	static final Instant START = Instant.parse("2026-09-01T09:00:00Z");
	private static final String PRO = "http://fibroplan.org/fhir/CodeSystem/pro";

	private final String patient;
	private final List<Observation> observations = new ArrayList<>();
	private final List<Flag> flags = new ArrayList<>();
	private final List<CarePlan> plans = new ArrayList<>();
	private Instant at = START;
	private int sequence;
	private String response;

	PatientStory(String patient) {
		this.patient = patient;
	}

	PatientStory day(int day) {
		at = START.plus(day, ChronoUnit.DAYS);
		response = "QuestionnaireResponse/" + patient + "-qr-" + (++sequence);
		return this;
	}

	Instant now() {
		return at.plus(1, ChronoUnit.HOURS);
	}

	PatientStory pain(String site, int value) {
		Observation o = observation(new Coding("http://loinc.org", "72514-3", "Pain severity"));
		String code = switch (site) {
			case "left-hip" -> "287679003";
			case "right-hip" -> "287579007";
			case "lower-back" -> "37822005";
			case "buttock" -> "46862004";
			case "overall" -> "38266002";
			default -> throw new IllegalArgumentException(site);
		};
		CodeableConcept bodySite = new CodeableConcept(new Coding("http://snomed.info/sct", code, site));
		if (site.equals("buttock")) {
			bodySite.addExtension("http://fibroplan.org/fhir/StructureDefinition/laterality",
					new CodeableConcept(new Coding("http://snomed.info/sct", "7771000", "Left")));
		}
		o.setBodySite(bodySite);
		o.setValue(new IntegerType(value));
		return this;
	}

	PatientStory peg(int average, int enjoyment, int activity) {
		Observation o = observation(new Coding("http://loinc.org", "91147-9", "PEG"));
		o.setValue(new Quantity().setValue(BigDecimal.valueOf(average + enjoyment + activity).divide(BigDecimal.valueOf(3), 2, java.math.RoundingMode.HALF_UP)));
		o.addComponent().setValue(new IntegerType(average)).getCode().addCoding(new Coding("http://loinc.org", "75893-8", null));
		o.addComponent().setValue(new IntegerType(enjoyment)).getCode().addCoding(new Coding("http://loinc.org", "91145-3", null));
		o.addComponent().setValue(new IntegerType(activity)).getCode().addCoding(new Coding("http://loinc.org", "91146-1", null));
		return this;
	}

	PatientStory phq2(int total) {
		screen(new Coding("http://loinc.org", "55758-7", "PHQ-2"), total);
		return this;
	}

	PatientStory gad2(int total) {
		screen(new Coding(PRO, "gad-2-total", "GAD-2"), total);
		return this;
	}

	private void screen(Coding code, int total) {
		Observation o = observation(code);
		o.setValue(new Quantity().setValue(total));
		o.addInterpretation(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", total >= 3 ? "POS" : "NEG", null)));
	}

	PatientStory acr(int wpi, int sss) {
		observation(new Coding(PRO, "wpi", null)).setValue(new Quantity().setValue(wpi));
		observation(new Coding(PRO, "sss", null)).setValue(new Quantity().setValue(sss));
		int severity = wpi + sss;
		String band = severity <= 5 ? "fms-remission" : severity <= 15 ? "fms-mild" : severity <= 20 ? "fms-moderate" : severity <= 25 ? "fms-severe" : "fms-very-severe";
		observation(new Coding(PRO, "fm-severity", null)).setValue(new Quantity().setValue(severity))
				.addInterpretation(new CodeableConcept(new Coding(PRO, band, null)));
		return this;
	}

	PatientStory acrCriteria(boolean met) {
		observation(new Coding(PRO, "acr-2016-criteria-met", null)).setValue(new BooleanType(met));
		return this;
	}

	PatientStory hoosJr(int raw) {
		observation(new Coding(PRO, "hoos-jr-raw", null)).setValue(new Quantity().setValue(raw));
		return this;
	}

	PatientStory sleep(String quality) {
		observation(new Coding(PRO, "sleep-quality", null)).setValue(new CodeableConcept(new Coding(PRO, quality, null)));
		return this;
	}

	PatientStory exerciseMinutes(int minutes) {
		observation(new Coding(PRO, "exercise-minutes", null)).setValue(new Quantity().setValue(minutes).setCode("min/wk"));
		return this;
	}

	PatientStory pool(boolean access) {
		observation(new Coding(PRO, "pool-access", null)).setValue(new BooleanType(access));
		return this;
	}

	PatientStory recentHipProcedure(boolean yes) {
		observation(new Coding(PRO, "recent-hip-procedure", null)).setValue(new BooleanType(yes));
		return this;
	}

	PatientStory prefers(String... preferences) {
		for (String preference : preferences) {
			observation(new Coding(PRO, "preferences", null)).setValue(new CodeableConcept(new Coding(PRO, preference, null)));
		}
		return this;
	}

	PatientStory flareTriggers(String... triggers) {
		for (String trigger : triggers) {
			observation(new Coding(PRO, "flare-triggers", null)).setValue(new CodeableConcept(new Coding(PRO, trigger, null)));
		}
		return this;
	}

	PatientStory redFlag(String code, boolean yes) {
		observation(new Coding("http://fibroplan.org/fhir/CodeSystem/red-flag", code, null)).setValue(new BooleanType(yes));
		return this;
	}

	/** A Flag as the revision would have raised it for the latest red-flag answer with this code. */
	PatientStory flagRaised(String code, Flag.FlagStatus status) {
		Observation answer = observations.stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals(code))
				.reduce((a, b) -> b).orElseThrow();
		Flag flag = new Flag().setStatus(status);
		flag.getCode().addCoding(new Coding("http://fibroplan.org/fhir/CodeSystem/red-flag", code, null));
		flag.addExtension("http://hl7.org/fhir/StructureDefinition/flag-detail", new Reference(answer.getIdElement().getValue()));
		flags.add(flag);
		return this;
	}

	/** An approved plan started on this day. */
	PatientStory planApproved() {
		return planApproved(List.of());
	}

	/** An approved plan started on this day, naming these Observations as the baseline (supportingInfo), as approval does. */
	PatientStory planApproved(java.util.Collection<String> baseline) {
		CarePlan plan = new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE);
		plan.setId("CarePlan/" + patient + "-active");
		plan.getPeriod().setStart(Date.from(now()));
		baseline.forEach(observation -> plan.addSupportingInfo(new Reference(observation)));
		plans.add(plan);
		return this;
	}

	PatientRecord record() {
		return new PatientRecord(patient, List.copyOf(observations), List.copyOf(flags), List.copyOf(plans));
	}

	private Observation observation(Coding code) {
		Observation o = new Observation();
		o.setId("Observation/" + patient + "-" + observations.size());
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.getCode().addCoding(code);
		o.setSubject(new Reference("Patient/" + patient));
		o.setEffective(new DateTimeType(Date.from(at)));
		if (response != null) {
			o.addDerivedFrom(new Reference(response));
		}
		observations.add(o);
		return o;
	}
}

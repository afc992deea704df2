package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Timing;
import org.springframework.stereotype.Component;

/**
 * What the patient's page shows: their name in the greeting; at most three things for this week
 * ({@link ThisWeek}); their own trend ({@link PatientTrend}); the questionnaires due — those the active
 * plan's follow-up activities name, or every instrument when there is no plan yet; and the active plan
 * in its sections ({@link PatientPlan}). Every read is the patient's own, and bounded: the newest
 * Observations ({@link RecentObservations}) and the newest responses, never the whole history.
 */
@Component
class PatientHome {

	/** Responses read to find when each questionnaire was last answered: years of weekly check-ins. */
	static final int RESPONSES = 200;

	private final ClinicalNames names;
	private final PatientPlans plans;
	private final ClinicContact clinic;
	/** The page's reads that do not wait for one another run side by side (the page is as slow as its slowest pair). */
	private final java.util.concurrent.ExecutorService reads = java.util.concurrent.Executors.newFixedThreadPool(8, task -> {
		Thread thread = new Thread(task, "patient-page-read");
		thread.setDaemon(true);
		return thread;
	});

	PatientHome(ClinicalNames names, PatientPlans plans, ClinicContact clinic) {
		this.names = names;
		this.plans = plans;
		this.clinic = clinic;
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		reads.shutdownNow();
	}

	/** A questionnaire on the patient's list: when it was last answered and whether it is due. */
	record Due(String id, String title, String description, Date lastAnswered, String every, boolean due) {}

	/** {@code firstName} for the greeting ("Hello, Pat"); {@code plan} and {@code trend} null until there is one. */
	record View(String firstName, List<ThisWeek.Item> thisWeek, PatientTrend trend, List<Due> questionnaires, boolean fromPlan,
			PatientPlan plan) {}

	View load(IGenericClient fhir, String patientId) {
		CompletableFuture<Patient> patient = CompletableFuture.supplyAsync(() -> fhir.read().resource(Patient.class).withId(patientId).execute(), reads);
		CompletableFuture<List<Questionnaire>> instruments = CompletableFuture.supplyAsync(() -> activeQuestionnaires(fhir), reads);
		CompletableFuture<Map<String, Date>> lastAnswered = CompletableFuture.supplyAsync(() -> lastAnswered(fhir, patientId), reads);
		PatientPlan plan = plans.active(fhir, patientId);
		CompletableFuture<List<Observation>> recent = CompletableFuture.supplyAsync(
				() -> RecentObservations.read(fhir, patientId, plan == null ? List.of() : List.of(plan.resource())), reads);
		Map<String, Timing> checkIns = checkIns(plan == null ? null : plan.resource());
		List<Due> due = questionnaires(done(instruments), done(lastAnswered), checkIns);
		List<Observation> observations = done(recent);
		PatientTrend trend = PatientTrend.of(observations, plan == null ? List.of() : plan.goalResources(), names);
		return new View(firstName(done(patient)), ThisWeek.of(plan, due, observations, names, clinic), trend, due,
				!checkIns.isEmpty(), plan);
	}

	/** The name a person is greeted by: their first given name, else their name as recorded; null without one. */
	static String firstName(Patient patient) {
		if (patient == null || !patient.hasName()) {
			return null;
		}
		HumanName name = patient.getNameFirstRep();
		if (name.hasGiven() && !name.getGiven().get(0).isEmpty()) {
			return name.getGiven().get(0).getValue();
		}
		return name.hasText() ? name.getText() : null;
	}

	/** The questionnaires the plan's activities ask for (canonical url, without version) and how often. */
	private static Map<String, Timing> checkIns(CarePlan plan) {
		Map<String, Timing> named = new LinkedHashMap<>();
		if (plan != null) {
			plan.getActivity().stream().filter(a -> a.hasDetail()).forEach(a -> {
				for (CanonicalType canonical : a.getDetail().getInstantiatesCanonical()) {
					if (canonical.getValue() != null && canonical.getValue().contains("/Questionnaire/")) {
						named.put(canonical.getValue().split("\\|")[0], a.getDetail().hasScheduledTiming() ? a.getDetail().getScheduledTiming() : null);
					}
				}
			});
		}
		return named;
	}

	/** A read that ran beside the others; its refusal (a BaseServerResponseException) reaches the page as if read here. */
	private static <T> T done(CompletableFuture<T> read) {
		try {
			return read.join();
		} catch (java.util.concurrent.CompletionException e) {
			throw e.getCause() instanceof RuntimeException cause ? cause : e;
		}
	}

	private static List<Questionnaire> activeQuestionnaires(IGenericClient fhir) {
		return FhirPages.all(fhir, fhir.search().forResource(Questionnaire.class)
						.where(Questionnaire.STATUS.exactly().code("active")).count(100).returnBundle(Bundle.class).execute())
				.stream().map(Questionnaire.class::cast)
				.filter(q -> q.getUrl() != null && q.getUrl().startsWith(FhirTerms.BASE))
				.toList();
	}

	/** The questionnaires the plan asks for (or all before there is a plan), those due first. */
	private static List<Due> questionnaires(List<Questionnaire> active, Map<String, Date> lastAnswered, Map<String, Timing> named) {
		List<Questionnaire> questionnaires = active.stream()
				.filter(q -> named.isEmpty() || named.containsKey(q.getUrl()))
				.sorted(Comparator.comparing(q -> q.hasTitle() ? q.getTitle() : q.getName()))
				.toList();
		List<Due> due = new ArrayList<>();
		for (Questionnaire questionnaire : questionnaires) {
			Date last = lastAnswered.get(questionnaire.getUrl());
			Timing timing = named.get(questionnaire.getUrl());
			Duration period = period(timing);
			boolean isDue = last == null || (period != null && last.toInstant().plus(period).isBefore(java.time.Instant.now()));
			due.add(new Due(questionnaire.getIdElement().getIdPart(), questionnaire.hasTitle() ? questionnaire.getTitle() : questionnaire.getName(),
					questionnaire.getDescription(), last, timing == null ? null : ActivityView.dose(timing), isDue));
		}
		due.sort(Comparator.comparing((Due d) -> !d.due()).thenComparing(Due::title));
		return due;
	}

	/**
	 * When the patient last answered each questionnaire (by canonical url), from one page of their newest
	 * responses: one not answered among the newest {@value #RESPONSES} is due on any schedule a plan sets.
	 */
	private static Map<String, Date> lastAnswered(IGenericClient fhir, String patientId) {
		Map<String, Date> last = new java.util.HashMap<>();
		fhir.search().forResource(QuestionnaireResponse.class)
				.where(QuestionnaireResponse.SUBJECT.hasId("Patient/" + patientId))
				.sort().descending(QuestionnaireResponse.AUTHORED).elementsSubset("questionnaire", "authored", "subject").count(RESPONSES)
				.returnBundle(Bundle.class).execute()
				.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(QuestionnaireResponse.class::isInstance)
				.map(QuestionnaireResponse.class::cast)
				.filter(r -> r.getQuestionnaire() != null && r.getAuthored() != null)
				.forEach(r -> last.putIfAbsent(r.getQuestionnaire().split("\\|")[0], r.getAuthored()));
		return last;
	}

	/** How often the plan asks for it (weekly, every 4 weeks), when its timing says. */
	private static Duration period(Timing timing) {
		if (timing == null || !timing.hasRepeat() || !timing.getRepeat().hasPeriod() || timing.getRepeat().getPeriodUnit() == null) {
			return null;
		}
		long amount = timing.getRepeat().getPeriod().longValue();
		return switch (timing.getRepeat().getPeriodUnit()) {
			case D -> Duration.ofDays(amount);
			case WK -> Duration.ofDays(7 * amount);
			case MO -> Duration.ofDays(30 * amount);
			case H -> Duration.ofHours(amount);
			default -> null;
		};
	}
}

package org.fibroplan.careplan.internal.queue;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fibroplan.careplan.CarePlanActivated;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.assessment.AssessmentBuilder;
import org.fibroplan.careplan.internal.assessment.ClinicalVocabulary;
import org.fibroplan.careplan.internal.assessment.PatientRecord;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.drafting.DraftRevised;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Type;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The clinician's work queue, kept current in the transaction that changes it: after each revision (a new
 * answer), an approval and a red flag's acknowledgement, the patient's one open clinician-review Task holds
 * every current reason, the priority the most pressing one asks for and the numbers its row shows; with
 * nothing left it is completed (a clinician acted) or cancelled (the need went away by itself).
 */
@Component
class ReviewQueue {

	/** How many of the latest answers are read to tell whether a questionnaire is overdue. */
	private static final int RECENT_ANSWERS = 50;

	private final ReviewTasks tasks;
	private final Definitions definitions;
	private final PatientRecordLoader records;
	private final CarePlanKnowledge knowledge;
	private final DaoRegistry daos;

	ReviewQueue(ReviewTasks tasks, Definitions definitions, PatientRecordLoader records, CarePlanKnowledge knowledge, DaoRegistry daos) {
		this.tasks = tasks;
		this.definitions = definitions;
		this.records = records;
		this.knowledge = knowledge;
		this.daos = daos;
	}

	@EventListener
	public void revised(DraftRevised revised) {
		CarePlan draft = revised.draft();
		if (!draft.getMeta().hasLastUpdated()) {
			// Unchanged by this revision: the draft is as old as its stored version.
			revised.record().draft().ifPresent(stored -> draft.getMeta().setLastUpdated(stored.getMeta().getLastUpdated()));
		}
		keepCurrent(situation(revised.record(), revised.assessment(), Optional.of(draft), Instant.now()), Optional.empty());
	}

	/** Approving is acting: the open Task is completed by the approving clinician, then what still stands is queued again. */
	@EventListener
	public void approved(CarePlanActivated approved) {
		Reference clinician = new Reference(approved.approvedBy());
		Instant now = Instant.now();
		for (Task open : tasks.open(approved.patient())) {
			close(open, Task.TaskStatus.COMPLETED, "Plan approved", clinician, now);
		}
		keepCurrent(freshSituation(approved.patient(), now), Optional.of(clinician));
	}

	/** A clinician set a red flag inactive: the queue no longer holds it for that flag. */
	void flagAcknowledged(String patient, Reference clinician) {
		keepCurrent(freshSituation(patient, Instant.now()), Optional.of(clinician));
	}

	/** The daily look: follow-ups fall due and answers become overdue with time alone, without any request. */
	void review(String patient, Instant now) {
		keepCurrent(freshSituation(patient, now), Optional.empty());
	}

	private ReviewSituation freshSituation(String patient, Instant now) {
		PatientRecord record = records.load(patient, List.of());
		ClinicalVocabulary vocabulary = knowledge.current().vocabulary();
		return situation(record, new AssessmentBuilder(vocabulary).build(record, now), record.draft(), now);
	}

	private ReviewSituation situation(PatientRecord record, Assessment assessment, Optional<CarePlan> draft, Instant now) {
		Map<String, Instant> observed = new LinkedHashMap<>();
		record.observations().forEach(o -> observed.put(AssessmentBuilder.ref(o), AssessmentBuilder.effective(o)));
		Optional<CarePlan> active = record.active();
		List<QuestionnaireResponse> answers = active.isPresent() ? recentAnswers(record.patient()) : List.of();
		return new ReviewSituation(record.patient(), assessment, observed, draft, active, tasks.acknowledgements(record.patient()), answers, now);
	}

	private List<QuestionnaireResponse> recentAnswers(String patient) {
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add(QuestionnaireResponse.SP_SUBJECT, new ReferenceParam("Patient/" + patient));
		search.setSort(new SortSpec(QuestionnaireResponse.SP_AUTHORED, SortOrderEnum.DESC));
		search.setCount(RECENT_ANSWERS);
		return daos.getResourceDao(QuestionnaireResponse.class).search(search, new SystemRequestDetails()).getResources(0, RECENT_ANSWERS)
				.stream().map(QuestionnaireResponse.class::cast).toList();
	}

	private void keepCurrent(ReviewSituation situation, Optional<Reference> actingClinician) {
		ReviewReasons reasons = new ReviewReasons(definitions);
		Map<String, Instant> needs = ReviewNeeds.of(situation, reasons);
		List<Task> open = tasks.open(situation.patient());
		open.stream().skip(1).forEach(duplicate -> close(duplicate, Task.TaskStatus.CANCELLED, "Another open review Task holds this patient", null, situation.now()));
		Optional<Task> current = open.stream().findFirst();
		if (needs.isEmpty()) {
			current.ifPresent(task -> actingClinician.ifPresentOrElse(
					clinician -> close(task, Task.TaskStatus.COMPLETED, "Acknowledged by a clinician", clinician, situation.now()),
					() -> close(task, Task.TaskStatus.CANCELLED, "Nothing needs a clinician any more", null, situation.now())));
			return;
		}
		Task task = current.map(Task::copy).orElseGet(() -> ReviewTasks.newTask(situation.patient(), situation.now()));
		describe(task, needs, situation, reasons);
		if (current.isEmpty()) {
			task.setLastModified(Date.from(situation.now()));
			tasks.create(task);
		} else if (!sameContent(current.get(), task)) {
			task.setLastModified(Date.from(situation.now()));
			tasks.update(task);
		}
	}

	/** Focus, priority, reasons and the row's numbers, from the current needs and assessment. */
	private void describe(Task task, Map<String, Instant> needs, ReviewSituation situation, ReviewReasons reasons) {
		situation.draft().or(situation::active).ifPresent(plan ->
				task.setFocus(new Reference("CarePlan/" + plan.getIdElement().getIdPart())));
		task.setPriority(needs.keySet().stream().map(reasons::priority).max(java.util.Comparator.comparingInt(ReviewQueue::rank)).orElse(Task.TaskPriority.ROUTINE));
		CodeableConcept why = new CodeableConcept();
		needs.keySet().forEach(reason -> why.addCoding(new Coding(FhirTerms.REVIEW_REASON, reason, reasons.display(reason))));
		why.setText(String.join("; ", needs.keySet().stream().map(reasons::display).toList()));
		task.setReasonCode(why);
		task.getInput().clear();
		Assessment assessment = situation.assessment();
		number(assessment, "peg").ifPresent(v -> input(task, "latest-peg", reasons, new DecimalType(plain(v))));
		number(assessment, "pegBaseline").ifPresent(v -> input(task, "baseline-peg", reasons, new DecimalType(plain(v))));
		number(assessment, "pegChangePercent").ifPresent(v -> input(task, "peg-change-percent", reasons, new IntegerType(v.intValue())));
		assessment.value("pegImprovement").stream().findFirst().ifPresent(category -> input(task, "peg-change-category", reasons,
				new Coding(FhirTerms.PAIN_CHANGE, category.primitiveValue(), knowledge.current().vocabulary().changeDisplay(category.primitiveValue()))));
	}

	private static void input(Task task, String type, ReviewReasons reasons, Type value) {
		task.addInput().setType(new CodeableConcept(new Coding(FhirTerms.REVIEW_REASON, type, reasons.display(type)))).setValue(value);
	}

	private static Optional<BigDecimal> number(Assessment assessment, String variable) {
		return assessment.value(variable).stream().findFirst().map(v -> new BigDecimal(v.primitiveValue()));
	}

	/** 6.00 as 6 and 10.00 as 10, not 1E+1. */
	private static BigDecimal plain(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
	}

	/** FHIR's order of urgency: routine < urgent < asap < stat. */
	private static int rank(Task.TaskPriority priority) {
		return switch (priority) {
			case STAT -> 3;
			case ASAP -> 2;
			case URGENT -> 1;
			default -> 0;
		};
	}

	private void close(Task task, Task.TaskStatus status, String why, Reference clinician, Instant now) {
		Task closed = task.copy();
		closed.setStatus(status);
		closed.setStatusReason(new CodeableConcept().setText(why));
		if (clinician != null) {
			closed.setOwner(clinician.copy());
		}
		closed.setLastModified(Date.from(now));
		tasks.update(closed);
	}

	private static boolean sameContent(Task a, Task b) {
		Task x = a.copy();
		Task y = b.copy();
		x.setMeta(null);
		y.setMeta(null);
		x.setLastModifiedElement(null);
		y.setLastModifiedElement(null);
		return x.equalsDeep(y);
	}
}

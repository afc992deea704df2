package org.fibroplan.careplan.internal.goals;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.drafting.DraftRevised;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.fibroplan.fhir.TransactionWrites;

/**
 * Each new score sets the achievement status of the active plan's goals that measure it, in the answer's
 * transaction (after the revision that read it), so the 201 returns with the goals current. A goal is
 * written only when its status changes.
 */
@Component
public class GoalProgress {

	private final DaoRegistry daos;
	private final PatientRecordLoader records;
	private final CarePlanKnowledge knowledge;

	public GoalProgress(DaoRegistry daos, PatientRecordLoader records, CarePlanKnowledge knowledge) {
		this.daos = daos;
		this.records = records;
		this.knowledge = knowledge;
	}

	@EventListener
	public void scoresRevisedTheDraft(DraftRevised revised) {
		CarePlan active = revised.record().active().orElse(null);
		if (active == null) {
			return;
		}
		for (var reference : active.getGoal()) {
			records.read(Goal.class, reference.getReference())
					.filter(goal -> goal.getLifecycleStatus() == Goal.GoalLifecycleStatus.ACTIVE)
					.ifPresent(goal -> GoalAchievement.of(goal, revised.assessment(), knowledge.current().vocabulary())
							.filter(status -> !GoalAchievement.current(goal).filter(status::equals).isPresent())
							.ifPresent(status -> {
								goal.setAchievementStatus(GoalAchievement.concept(status));
								TransactionWrites.update(daos.getResourceDao(Goal.class), goal, new SystemRequestDetails());
							}));
		}
	}
}

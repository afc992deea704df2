package org.fibroplan.careplan.internal.drafting;

import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.assessment.PatientRecord;
import org.hl7.fhir.r4.model.CarePlan;

/**
 * A patient's draft was just revised after new answers, in the answer's transaction: what the revision
 * read, what the rules saw and the draft as stored (unchanged drafts included), for what follows from it
 * inside the care-plan module (the clinician's work queue, goal progress).
 *
 * @param record the patient's record the revision read
 * @param assessment what the rules saw
 * @param draft the draft as it now stands (with its id)
 */
public record DraftRevised(PatientRecord record, Assessment assessment, CarePlan draft) {}

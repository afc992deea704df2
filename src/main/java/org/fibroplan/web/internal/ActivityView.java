package org.fibroplan.web.internal;

import java.util.List;
import java.util.Objects;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.Type;

/**
 * One activity of a plan as a clinician reads it: what (its name, and the instruction the patient reads),
 * how much (dose), why (rationale and the answers behind it), how strong the evidence is, whether a
 * clinician edited it, whether it is a task for the clinician only, and how it differs from the active
 * plan ({@code change}: new, changed, same, removed). A referral reads the same, from its ServiceRequest.
 */
record ActivityView(String key, String anchor, String careActivity, String title, String codes, String description, String dose, String rationale, List<String> reasons,
		String grade, String gradeName, String gradeText, String editedBy, boolean referral, boolean clinicianOnly, String change) {

	static ActivityView of(CarePlan plan, CarePlanActivityComponent activity, String change, PlanReading reading) {
		String definition = extension(activity, FhirTerms.ACTIVITY_DEFINITION);
		Extension gradeExtension = activity.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE);
		CodeableConcept grade = gradeExtension != null && gradeExtension.getValue() instanceof CodeableConcept c ? c : new CodeableConcept();
		ServiceRequest referral = referral(plan, activity, reading);
		CodeableConcept code;
		String description;
		String dose;
		List<Reference> reasons;
		List<CodeableConcept> reasonCodes;
		if (referral != null) {
			code = referral.getCode();
			description = referral.getPatientInstruction();
			dose = referral.getOccurrence() instanceof Timing timing ? dose(timing) : null;
			reasons = referral.getReasonReference();
			reasonCodes = referral.getReasonCode();
		} else {
			code = activity.getDetail().getCode();
			description = activity.getDetail().getDescription();
			dose = dose(activity.getDetail().getScheduled());
			reasons = activity.getDetail().getReasonReference();
			reasonCodes = activity.getDetail().getReasonCode();
		}
		String gradeCode = grade.getCoding().stream().map(Coding::getCode).findFirst().orElse(null);
		String key = definition == null ? "activity-" + plan.getActivity().indexOf(activity) : definition;
		return new ActivityView(
				key, "act-" + key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9-]", "-"),
				code == null ? null : code.getCoding().stream().filter(c -> FhirTerms.CARE_ACTIVITY.equals(c.getSystem()))
						.map(Coding::getCode).findFirst().orElse(null),
				title(code, definition, reading.names()),
				reading.names().codes(code),
				description, dose,
				rationale(activity, reasonCodes),
				reasons.stream().map(r -> r.hasDisplay() ? r.getDisplay() : reading.describe().apply(r.getReference())).filter(Objects::nonNull).distinct().toList(),
				gradeCode, reading.names().grade(gradeCode), grade.getText(),
				extension(activity, FhirTerms.CLINICIAN_EDIT),
				activity.hasReference(),
				reading.clinicianOnly().contains(code, definition),
				change);
	}

	/** Why: the rules' rationale, else the reason a clinician gave when adding it (its reasonCode's words). */
	private static String rationale(CarePlanActivityComponent activity, List<CodeableConcept> reasonCodes) {
		String rationale = extension(activity, FhirTerms.RATIONALE);
		if (rationale != null) {
			return rationale;
		}
		String given = reasonCodes.stream().filter(c -> c.hasText() && !c.hasCoding()).map(CodeableConcept::getText)
				.reduce((a, b) -> a + " " + b).orElse(null);
		return given;
	}

	/** The activity's name; one that names nothing takes its catalogue definition's title. */
	private static String title(CodeableConcept code, String definition, ClinicalNames names) {
		if (code != null && (code.hasText() || code.hasCoding())) {
			return names.of(code);
		}
		return names.activityTitle(definition).orElse("Activity");
	}

	/** The same activity, marked against the active plan. */
	ActivityView withChange(String mark) {
		return new ActivityView(key, anchor, careActivity, title, codes, description, dose, rationale, reasons, grade, gradeName, gradeText, editedBy, referral, clinicianOnly, mark);
	}

	/** The dose as the plan states it: the timing's words, or its schedule. */
	static String dose(Type scheduled) {
		if (scheduled instanceof Timing timing) {
			return dose(timing);
		}
		return scheduled == null ? null : scheduled.primitiveValue();
	}

	private static String dose(Timing timing) {
		if (timing.getCode().hasText()) {
			return timing.getCode().getText();
		}
		if (timing.hasRepeat() && timing.getRepeat().hasFrequency()) {
			Timing.TimingRepeatComponent repeat = timing.getRepeat();
			return repeat.getFrequency() + "× per " + repeat.getPeriod().stripTrailingZeros().toPlainString() + " " + repeat.getPeriodUnit().toCode();
		}
		return null;
	}

	/** A concept's words: its text, else a coding's display, else its code. */
	static String text(CodeableConcept concept) {
		if (concept.hasText()) {
			return concept.getText();
		}
		return concept.getCoding().stream().map(Coding::getDisplay).filter(Objects::nonNull).findFirst()
				.or(() -> concept.getCoding().stream().map(Coding::getCode).filter(Objects::nonNull).findFirst())
				.orElse("(unnamed)");
	}

	static String extension(CarePlanActivityComponent activity, String url) {
		Extension extension = activity.getExtensionByUrl(url);
		if (extension == null || extension.getValue() == null) {
			return null;
		}
		String value = extension.getValue().primitiveValue();
		int bar = value == null ? -1 : value.indexOf('|');
		return bar < 0 ? value : value.substring(0, bar);
	}

	/** The referral an activity points at: contained in the plan (not stored yet), or stored and read with it. */
	static ServiceRequest referral(CarePlan plan, CarePlanActivityComponent activity, PlanReading reading) {
		if (!activity.hasReference() || activity.getReference().getReference() == null) {
			return null;
		}
		String ref = activity.getReference().getReference();
		for (Resource contained : plan.getContained()) {
			if (contained instanceof ServiceRequest request && ref.equals("#" + contained.getIdElement().getIdPart())) {
				return request;
			}
		}
		if (activity.getReference().getResource() instanceof ServiceRequest request) {
			return request;
		}
		return reading == null ? null : reading.referrals().get(new org.hl7.fhir.r4.model.IdType(ref).toUnqualifiedVersionless().getValue());
	}
}

package org.fibroplan.careplan.internal.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fibroplan.careplan.internal.assessment.Baselines;
import org.fibroplan.careplan.internal.drafting.RedFlags;
import org.fibroplan.careplan.internal.rules.RuleSet;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;

/**
 * What a clinician changed in a plan, and keeping it. When a clinician saves a plan, each activity they
 * added or changed is marked (extension clinician-edit) and each activity they removed is recorded on the
 * plan (extension declined-activity). When the rules revise the draft later, marked activities stay as the
 * clinician left them, removed ones are not proposed again (unless {@link RedFlags#outlastsRemoval} says otherwise), and the
 * clinician's notes stay. A baseline the clinician chose (supportingInfo) is marked the same way and kept.
 */
public final class ClinicianDecisions {

	public static final String ADDED = "added";
	public static final String MODIFIED = "modified";
	private static final Set<String> DERIVED = Set.of(
			FhirTerms.CLINICIAN_EDIT, FhirTerms.RATIONALE, FhirTerms.EVIDENCE_GRADE, FhirTerms.PROPOSED_BY_RULE);

	private ClinicianDecisions() {}

	/** Marks the differences between the stored plan and the one a clinician is saving. */
	public static void mark(CarePlan previous, CarePlan edited, RuleSet rules) {
		Map<String, CarePlanActivityComponent> before = byDefinition(previous);
		Set<String> kept = new LinkedHashSet<>();
		for (CarePlanActivityComponent activity : edited.getActivity()) {
			String key = definition(activity).orElse(null);
			if (key == null) {
				CodeableConcept code = activity.hasDetail() ? activity.getDetail().getCode() : null;
				key = rules.activityCoded(code).map(a -> a.getUrl()).orElse(null);
				if (key != null) {
					activity.addExtension(FhirTerms.ACTIVITY_DEFINITION, new CanonicalType(key));
				}
			}
			if (key != null) {
				kept.add(key);
			}
			if (activity.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE) == null) {
				// A clinician's addition shows the catalogue's grade too (chiropractic: strong against).
				rules.activity(key).map(a -> a.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE))
						.ifPresent(grade -> activity.addExtension(grade.copy()));
			}
			CarePlanActivityComponent earlier = key == null ? null : before.get(key);
			if (earlier == null) {
				setMark(activity, ADDED);
			} else if (!same(activity, earlier)) {
				setMark(activity, edit(earlier).filter(ADDED::equals).orElse(MODIFIED));
			} else if (edit(earlier).isPresent()) {
				setMark(activity, edit(earlier).get());
			}
		}
		List<String> declined = new ArrayList<>(declined(previous));
		declined.addAll(declined(edited));
		before.keySet().stream().filter(key -> !kept.contains(key)).forEach(declined::add);
		edited.getExtension().removeIf(e -> FhirTerms.DECLINED_ACTIVITY.equals(e.getUrl()));
		declined.stream().distinct().filter(key -> !kept.contains(key))
				.forEach(key -> edited.addExtension(FhirTerms.DECLINED_ACTIVITY, new CanonicalType(key)));
		markBaseline(previous, edited);
	}

	/** A clinician who names other baseline Observations sets a new baseline: each of them is marked as their choice. */
	private static void markBaseline(CarePlan previous, CarePlan edited) {
		if (!baseline(previous).equals(baseline(edited)) || Baselines.chosenByClinician(previous)) {
			edited.getSupportingInfo().forEach(reference -> {
				reference.getExtension().removeIf(e -> FhirTerms.CLINICIAN_EDIT.equals(e.getUrl()));
				reference.addExtension(FhirTerms.CLINICIAN_EDIT, new CodeType(MODIFIED));
			});
		}
	}

	private static Set<String> baseline(CarePlan plan) {
		Set<String> references = new LinkedHashSet<>();
		plan.getSupportingInfo().forEach(r -> references.add(new org.hl7.fhir.r4.model.IdType(r.getReference()).toUnqualifiedVersionless().getValue()));
		return references;
	}


	/**
	 * Builds the revised draft from what the rules propose now and the clinician's decisions in the
	 * previous plan (the draft, or the active plan when a new draft starts).
	 */
	public static void carryOver(CarePlan proposed, CarePlan previous) {
		if (previous == null) {
			return;
		}
		Set<String> declined = new LinkedHashSet<>(declined(previous));
		Map<String, CarePlanActivityComponent> before = byDefinition(previous);
		List<CarePlanActivityComponent> result = new ArrayList<>();
		Set<String> keys = new LinkedHashSet<>();
		for (CarePlanActivityComponent activity : proposed.getActivity()) {
			String key = definition(activity).orElse(null);
			if (key != null && declined.contains(key) && !RedFlags.outlastsRemoval(key)) {
				continue;
			}
			CarePlanActivityComponent earlier = key == null ? null : before.get(key);
			result.add(earlier != null && edit(earlier).isPresent() ? earlier.copy() : activity);
			keys.add(key);
		}
		for (CarePlanActivityComponent earlier : previous.getActivity()) {
			String key = definition(earlier).orElse(null);
			if (edit(earlier).filter(ADDED::equals).isPresent() && (key == null || !keys.contains(key))) {
				result.add(earlier.copy());
			}
		}
		proposed.setActivity(result);
		declined.forEach(key -> proposed.addExtension(FhirTerms.DECLINED_ACTIVITY, new CanonicalType(key)));
		previous.getNote().forEach(note -> proposed.addNote(note.copy()));
		if (Baselines.chosenByClinician(previous)) {
			proposed.setSupportingInfo(previous.getSupportingInfo().stream().map(Reference::copy).toList());
		}
		dropUnreferencedContained(proposed);
	}

	/** Contained referrals whose activity was dropped go too. */
	public static void dropUnreferencedContained(CarePlan plan) {
		Set<String> referenced = new LinkedHashSet<>();
		plan.getActivity().stream().filter(CarePlanActivityComponent::hasReference).forEach(a -> referenced.add(a.getReference().getReference()));
		plan.getGoal().forEach(g -> referenced.add(g.getReference()));
		plan.getAddresses().forEach(c -> referenced.add(c.getReference()));
		plan.getContained().removeIf(r -> !referenced.contains("#" + r.getIdElement().getIdPart()));
	}

	public static Optional<String> definition(CarePlanActivityComponent activity) {
		Extension extension = activity.getExtensionByUrl(FhirTerms.ACTIVITY_DEFINITION);
		if (extension != null && extension.getValue() != null) {
			String value = extension.getValue().primitiveValue();
			int bar = value.indexOf('|');
			return Optional.of(bar < 0 ? value : value.substring(0, bar));
		}
		return Optional.empty();
	}

	public static Optional<String> edit(CarePlanActivityComponent activity) {
		Extension extension = activity.getExtensionByUrl(FhirTerms.CLINICIAN_EDIT);
		return extension == null ? Optional.empty() : Optional.ofNullable(extension.getValue().primitiveValue());
	}

	private static void setMark(CarePlanActivityComponent activity, String mark) {
		activity.getExtension().removeIf(e -> FhirTerms.CLINICIAN_EDIT.equals(e.getUrl()));
		activity.addExtension(FhirTerms.CLINICIAN_EDIT, new CodeType(mark));
	}

	private static List<String> declined(CarePlan plan) {
		return plan.getExtensionsByUrl(FhirTerms.DECLINED_ACTIVITY).stream().map(e -> e.getValue().primitiveValue()).toList();
	}

	private static Map<String, CarePlanActivityComponent> byDefinition(CarePlan plan) {
		Map<String, CarePlanActivityComponent> map = new LinkedHashMap<>();
		if (plan != null) {
			plan.getActivity().forEach(a -> definition(a).ifPresent(key -> map.putIfAbsent(key, a)));
		}
		return map;
	}

	/** The same activity, ignoring what the server derives (marks, rationale, grade, rule). */
	private static boolean same(CarePlanActivityComponent a, CarePlanActivityComponent b) {
		CarePlanActivityComponent x = a.copy();
		CarePlanActivityComponent y = b.copy();
		x.getExtension().removeIf(e -> DERIVED.contains(e.getUrl()));
		y.getExtension().removeIf(e -> DERIVED.contains(e.getUrl()));
		return x.equalsDeep(y);
	}

}

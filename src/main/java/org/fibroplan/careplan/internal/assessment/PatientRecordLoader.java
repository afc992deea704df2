package org.fibroplan.careplan.internal.assessment;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads a {@link PatientRecord} from the store, inside the caller's transaction (so it sees what it just
 * wrote), reading a bounded amount whatever the length of the patient's history: the latest
 * {@code fibroplan.careplan.latest-observations} (60) Observations; when the patient has more, the latest few of each
 * code the rules read that those do not hold, and the baseline Observations the plans name; the current plans (draft and active)
 * and the red-flag Flags.
 */
@Component
public class PatientRecordLoader {

	/** Beyond the latest page, this many of each code: one code carries every site's pain, and flares compare two. */
	private static final int PER_CODE = 10;

	private final DaoRegistry daos;
	private final ObjectProvider<CarePlanKnowledge> knowledge;
	/** Weeks of answers; older ones matter only as the latest of their code or as a baseline, read by code or by id. */
	private final int latestCount;

	public PatientRecordLoader(DaoRegistry daos, ObjectProvider<CarePlanKnowledge> knowledge,
			@Value("${fibroplan.careplan.latest-observations:60}") int latestCount) {
		this.daos = daos;
		this.knowledge = knowledge;
		this.latestCount = latestCount;
	}

	public PatientRecord load(String patient, Collection<String> alsoRead) {
		Map<String, Observation> observations = new LinkedHashMap<>();
		List<IBaseResource> latest = latest(patient, null, latestCount);
		latest.forEach(found -> put(observations, (Observation) found));
		// What the triggering transaction just stored is read by id in case a search does not show it yet.
		for (String reference : alsoRead) {
			if (reference.startsWith("Observation/") && !observations.containsKey(reference)) {
				read(Observation.class, reference).ifPresent(o -> put(observations, o));
			}
		}
		List<CarePlan> plans = current(patient);
		if (latest.size() >= latestCount) {
			olderThanTheLatest(patient, observations, plans);
		}
		List<Flag> flags = search(Flag.class, Flag.SP_SUBJECT, patient).stream().map(Flag.class::cast)
				.filter(f -> f.getCode().getCoding().stream().anyMatch(c -> FhirTerms.RED_FLAG.equals(c.getSystem())))
				.toList();
		return new PatientRecord(patient, new ArrayList<>(observations.values()), flags, plans);
	}

	/**
	 * A long history: the latest of the codes the latest page does not hold (one search for all of them; per
	 * code only when that one comes back full), and the baselines the plans name.
	 */
	private void olderThanTheLatest(String patient, Map<String, Observation> observations, List<CarePlan> plans) {
		List<String> missing = missingCodes(observations.values());
		if (!missing.isEmpty()) {
			List<IBaseResource> older = latest(patient, missing, PER_CODE * missing.size());
			older.forEach(found -> put(observations, (Observation) found));
			if (older.size() >= PER_CODE * missing.size()) {
				for (String code : missingCodes(observations.values())) {
					latest(patient, List.of(code), PER_CODE).forEach(found -> put(observations, (Observation) found));
				}
			}
		}
		plans.stream().flatMap(plan -> plan.getSupportingInfo().stream()).map(r -> r.getReference())
				.filter(r -> r != null && r.startsWith("Observation/")).map(r -> new IdType(r).toUnqualifiedVersionless().getValue())
				.filter(r -> !observations.containsKey(r)).distinct()
				.forEach(r -> read(Observation.class, r).ifPresent(o -> put(observations, o)));
	}

	/** The codes the rules read that none of these Observations carries. */
	private List<String> missingCodes(Collection<Observation> observations) {
		Set<String> held = new HashSet<>();
		observations.forEach(o -> o.getCode().getCoding().forEach(c -> held.add(c.getSystem() + "|" + c.getCode())));
		return knowledge.getObject().current().vocabulary().variables().observationCodes().stream().filter(c -> !held.contains(c)).toList();
	}

	private static void put(Map<String, Observation> observations, Observation observation) {
		observations.put(observation.getIdElement().toUnqualifiedVersionless().getValue(), observation);
	}

	/** The patient's latest Observations (of these codes, system|code, when given), newest first. */
	private List<IBaseResource> latest(String patient, List<String> codes, int count) {
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add(Observation.SP_SUBJECT, new ReferenceParam("Patient/" + patient));
		if (codes != null) {
			TokenOrListParam any = new TokenOrListParam();
			codes.forEach(code -> any.add(code.substring(0, code.indexOf('|')), code.substring(code.indexOf('|') + 1)));
			search.add(Observation.SP_CODE, any);
		}
		search.setSort(new SortSpec(Observation.SP_DATE, SortOrderEnum.DESC));
		search.setCount(count);
		return daos.getResourceDao(Observation.class).search(search, new SystemRequestDetails()).getResources(0, count);
	}

	/** The patient's FibroPlan plans that are current (draft and active), not every revoked one. */
	private List<CarePlan> current(String patient) {
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add(CarePlan.SP_SUBJECT, new ReferenceParam("Patient/" + patient))
				.add(CarePlan.SP_STATUS, new TokenOrListParam().add("draft").add("active"));
		return daos.getResourceDao(CarePlan.class).search(search, new SystemRequestDetails()).getAllResources().stream()
				.map(CarePlan.class::cast).filter(p -> PatientRecord.planIdentifierOf(p).isPresent()).toList();
	}

	/** What a plan's reference names in the store; nothing for a contained (#) reference, which the plan itself resolves. */
	public Optional<Resource> resolve(String reference) {
		return reference == null || reference.startsWith("#") ? Optional.empty() : read(Resource.class, reference);
	}

	public <T extends Resource> Optional<T> read(Class<T> type, String reference) {
		try {
			IdType id = new IdType(reference);
			if (!id.hasResourceType() || !id.hasIdPart()) {
				return Optional.empty();
			}
			var dao = type == Resource.class ? daos.getResourceDao(id.getResourceType()) : daos.getResourceDao(type);
			return Optional.of(type.cast(dao.read(id, new SystemRequestDetails())));
		} catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException | ca.uhn.fhir.rest.server.exceptions.ResourceGoneException e) {
			return Optional.empty();
		}
	}

	private List<IBaseResource> search(Class<? extends Resource> type, String parameter, String patient) {
		SearchParameterMap search = SearchParameterMap.newSynchronous().add(parameter, new ReferenceParam("Patient/" + patient));
		return daos.getResourceDao(type).search(search, new SystemRequestDetails()).getAllResources();
	}
}

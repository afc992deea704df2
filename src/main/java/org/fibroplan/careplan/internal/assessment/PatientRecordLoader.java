package org.fibroplan.careplan.internal.assessment;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/** Loads a {@link PatientRecord} from the store, inside the caller's transaction (so it sees what it just wrote). */
@Component
public class PatientRecordLoader {

	private final DaoRegistry daos;

	public PatientRecordLoader(DaoRegistry daos) {
		this.daos = daos;
	}

	public PatientRecord load(String patient, Collection<String> alsoRead) {
		Map<String, Observation> observations = new LinkedHashMap<>();
		for (IBaseResource found : search(Observation.class, Observation.SP_SUBJECT, patient)) {
			Observation observation = (Observation) found;
			observations.put(observation.getIdElement().toUnqualifiedVersionless().getValue(), observation);
		}
		// What the triggering transaction just stored is read by id in case a search does not show it yet.
		for (String reference : alsoRead) {
			if (reference.startsWith("Observation/") && !observations.containsKey(reference)) {
				read(Observation.class, reference).ifPresent(o -> observations.put(reference, o));
			}
		}
		// The Flags that matter are raised from a yes to a red-flag question: without one there are none to read.
		List<Flag> flags = observations.values().stream().noneMatch(PatientRecordLoader::positiveRedFlag) ? List.of()
				: search(Flag.class, Flag.SP_SUBJECT, patient).stream().map(Flag.class::cast)
						.filter(f -> f.getCode().getCoding().stream().anyMatch(c -> FhirTerms.RED_FLAG.equals(c.getSystem())))
						.toList();
		List<CarePlan> plans = search(CarePlan.class, CarePlan.SP_SUBJECT, patient).stream().map(CarePlan.class::cast)
				.filter(p -> PatientRecord.planIdentifierOf(p).isPresent())
				.toList();
		return new PatientRecord(patient, new ArrayList<>(observations.values()), flags, plans);
	}

	private static boolean positiveRedFlag(Observation observation) {
		return observation.getValue() instanceof org.hl7.fhir.r4.model.BooleanType answer && answer.booleanValue()
				&& observation.getCode().getCoding().stream().anyMatch(c -> FhirTerms.RED_FLAG.equals(c.getSystem()));
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

package org.fibroplan.web.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The Observations a patient view shows, read in a bounded amount however long the patient has been answering:
 * the newest {@value #RECENT} (the charts and the latest scores), plus any older one the plans name (a baseline,
 * the answer behind an activity), by id. Oldest first, as the charts draw them. Two years of weekly answers read
 * in full took seconds; the view's cost no longer grows with the history.
 */
final class RecentObservations {

	static final int RECENT = 200;
	private static final FhirContext R4 = FhirContext.forR4Cached();

	private RecentObservations() {
	}

	static List<Observation> read(IGenericClient fhir, String patientId, List<CarePlan> plans) {
		List<Observation> found = new ArrayList<>(observations(fhir.search().forResource(Observation.class)
				.where(Observation.SUBJECT.hasId("Patient/" + patientId))
				.sort().descending(Observation.DATE).count(RECENT).returnBundle(Bundle.class).execute()));
		Set<String> held = new LinkedHashSet<>();
		found.forEach(o -> held.add(o.getIdElement().getIdPart()));
		List<String> named = namedBy(plans).stream().filter(id -> !held.contains(id)).toList();
		if (!named.isEmpty()) {
			found.addAll(observations(fhir.search().forResource(Observation.class)
					.where(Resource.RES_ID.exactly().codes(named)).count(named.size()).returnBundle(Bundle.class).execute()));
		}
		found.sort(Comparator.comparing(o -> o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : null,
				Comparator.nullsFirst(Comparator.naturalOrder())));
		return found;
	}

	/** The ids of the Observations the plans refer to anywhere (supporting info, an activity's reasons). */
	private static Set<String> namedBy(List<CarePlan> plans) {
		Set<String> ids = new LinkedHashSet<>();
		for (CarePlan plan : plans) {
			R4.newTerser().getAllPopulatedChildElementsOfType(plan, Reference.class).stream()
					.map(Reference::getReferenceElement)
					.filter(r -> "Observation".equals(r.getResourceType()) && r.hasIdPart())
					.forEach(r -> ids.add(r.getIdPart()));
		}
		return ids;
	}

	private static List<Observation> observations(Bundle bundle) {
		return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Observation.class::isInstance).map(Observation.class::cast).toList();
	}
}

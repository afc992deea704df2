package org.fibroplan.pro.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.springframework.stereotype.Component;

/** The project's item and score codes (CodeSystem pro) with their properties, read once from the server. */
@Component
class ProCodes {

	static final String SYSTEM = FhirTerms.PRO;

	private final DaoRegistry daos;
	private volatile Map<String, ConceptDefinitionComponent> concepts;

	ProCodes(DaoRegistry daos) {
		this.daos = daos;
	}

	/** A concept's property value as text (code, boolean, ...), if the CodeSystem gives it. */
	Optional<String> property(String code, String property) {
		return Optional.ofNullable(concepts().get(code)).flatMap(c -> c.getProperty().stream()
				.filter(p -> property.equals(p.getCode()))
				.map(p -> p.getValue().primitiveValue())
				.findFirst());
	}

	private Map<String, ConceptDefinitionComponent> concepts() {
		if (concepts == null) {
			CodeSystem pro = daos.getResourceDao(CodeSystem.class)
					.search(SearchParameterMap.newSynchronous().add(CodeSystem.SP_URL, new UriParam(SYSTEM)), new SystemRequestDetails())
					.getAllResources().stream().map(CodeSystem.class::cast).findFirst()
					.orElseThrow(() -> new IllegalStateException("CodeSystem " + SYSTEM + " is not installed"));
			concepts = pro.getConcept().stream().collect(Collectors.toMap(ConceptDefinitionComponent::getCode, Function.identity()));
		}
		return concepts;
	}
}

package org.fibroplan.security.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.security.SecurityProperties.DemoUser;
import org.fibroplan.security.SecurityProperties;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo users' FHIR selves: each demo patient login is a Patient resource and each demo clinician a
 * Practitioner, with the ids the tokens name, so {@code patient} and {@code fhirUser} resolve.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "fibroplan.security.embedded.enabled", havingValue = "true", matchIfMissing = true)
class DemoIdentities implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoIdentities.class);

	private final SecurityProperties properties;
	private final DaoRegistry daos;

	DemoIdentities(SecurityProperties properties, DaoRegistry daos) {
		this.properties = properties;
		this.daos = daos;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (DemoUser user : properties.embedded().users()) {
			if (user.isOperator()) {
				continue; // an operator is nobody in the FHIR data
			}
			Resource self = user.isPatient() ? patient(user) : practitioner(user);
			daos.getResourceDao(self.fhirType()).update(self, new SystemRequestDetails());
		}
		log.info("Demo users ready: {}", properties.embedded().users().stream().map(DemoUser::username).toList());
	}

	private static Patient patient(DemoUser user) {
		Patient patient = new Patient();
		patient.setId("Patient/" + user.patient());
		patient.addIdentifier().setSystem(FhirTerms.DEMO_USER).setValue(user.username());
		patient.addName(name(user));
		return patient;
	}

	private static Practitioner practitioner(DemoUser user) {
		Practitioner practitioner = new Practitioner();
		practitioner.setId("Practitioner/" + user.practitioner());
		practitioner.addIdentifier().setSystem(FhirTerms.DEMO_USER).setValue(user.username());
		practitioner.addName(name(user));
		return practitioner;
	}

	private static HumanName name(DemoUser user) {
		String name = user.name() == null ? user.username() : user.name();
		int space = name.lastIndexOf(' ');
		return space < 0 ? new HumanName().setText(name).setFamily(name)
				: new HumanName().setText(name).setFamily(name.substring(space + 1)).addGiven(name.substring(0, space));
	}
}

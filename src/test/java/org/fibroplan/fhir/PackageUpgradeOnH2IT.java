package org.fibroplan.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.fibroplan.FhirIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;

/** The upgrade stories on the default embedded H2 storage. */
class PackageUpgradeOnH2IT extends FhirIntegrationTest implements PackageUpgradeStories {

	@Autowired
	@Qualifier("profilePackageLoader")
	ApplicationRunner packageLoader;

	@Autowired
	DaoRegistry daos;

	@Override
	public ApplicationRunner packageLoader() {
		return packageLoader;
	}

	@Override
	public DaoRegistry daos() {
		return daos;
	}
}

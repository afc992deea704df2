package org.fibroplan.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.fibroplan.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;

/** The upgrade stories on the real PostgreSQL server, through the production profile. */
class PackageUpgradeOnPostgresIT extends PostgresIntegrationTest implements PackageUpgradeStories {

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

package org.fibroplan.fhir.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.UriOrListParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * What the database already holds of the project's FHIR package: the content hash of the last install
 * (table fibroplan_installed_package) and whether every resource of it is still stored. A restart with an
 * unchanged package and nothing deleted has nothing to install.
 */
@Component
class InstalledPackages {

	private final JdbcTemplate jdbc;
	private final DataSource dataSource;
	private final DaoRegistry daos;

	InstalledPackages(DataSource dataSource, DaoRegistry daos) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.daos = daos;
	}

	/** True when this very content was installed last and every resource of it is still stored (by url). */
	boolean holds(ProfilePackage profilePackage) {
		new ResourceDatabasePopulator(new ClassPathResource("db/installed-package.sql")).execute(dataSource);
		List<String> hashes = jdbc.queryForList("SELECT content_hash FROM fibroplan_installed_package WHERE package_name = ?",
				String.class, profilePackage.name());
		return hashes.equals(List.of(profilePackage.contentHash())) && allStored(profilePackage.resources());
	}

	void recordInstalled(ProfilePackage profilePackage) {
		Timestamp now = Timestamp.from(Instant.now());
		if (jdbc.update("UPDATE fibroplan_installed_package SET content_hash = ?, installed_at = ? WHERE package_name = ?",
				profilePackage.contentHash(), now, profilePackage.name()) == 0) {
			jdbc.update("INSERT INTO fibroplan_installed_package (package_name, content_hash, installed_at) VALUES (?, ?, ?)",
					profilePackage.name(), profilePackage.contentHash(), now);
		}
	}

	/** One id search per resource type: at least as many stored resources with the package's urls as it ships. */
	private boolean allStored(List<MetadataResource> resources) {
		Map<String, List<MetadataResource>> byType = resources.stream().collect(Collectors.groupingBy(MetadataResource::fhirType));
		for (var entry : byType.entrySet()) {
			UriOrListParam urls = new UriOrListParam();
			entry.getValue().stream().map(MetadataResource::getUrl).distinct().forEach(url -> urls.addOr(new UriParam(url)));
			SearchParameterMap map = SearchParameterMap.newSynchronous().add("url", urls);
			int stored = daos.getResourceDao(entry.getKey()).searchForResourceIds(map, new SystemRequestDetails()).size();
			if (stored < entry.getValue().size()) {
				return false;
			}
		}
		return true;
	}
}

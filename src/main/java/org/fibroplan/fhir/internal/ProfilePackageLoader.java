package org.fibroplan.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.registry.SearchParamRegistryImpl;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Installs the project's FHIR package into the server at start, before the app reports ready: one
 * transaction of updates, each where the store keeps the resource's canonical url (see {@link InstallTargets}),
 * so a restart changes nothing unless the package did, an upgrade moves a retired version out of the id
 * its successor takes, and a broken package leaves the server as it was. When the database holds this very
 * package already (same content hash, every resource still stored), nothing is installed at all.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProfilePackageLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ProfilePackageLoader.class);

	private final FhirContext fhirContext;
	private final ProfilePackage profilePackage;
	private final IFhirSystemDao<Bundle, ?> systemDao;
	private final IValidationSupport serverValidationSupport;
	private final SearchParamRegistryImpl searchParamRegistry;
	private final InstalledPackages installed;
	private final DaoRegistry daos;

	ProfilePackageLoader(
			FhirContext fhirContext,
			ProfilePackage profilePackage,
			IFhirSystemDao<Bundle, ?> systemDao,
			IValidationSupport serverValidationSupport,
			SearchParamRegistryImpl searchParamRegistry,
			InstalledPackages installed,
			DaoRegistry daos) {
		this.fhirContext = fhirContext;
		this.profilePackage = profilePackage;
		this.systemDao = systemDao;
		this.serverValidationSupport = serverValidationSupport;
		this.searchParamRegistry = searchParamRegistry;
		this.installed = installed;
		this.daos = daos;
	}

	@Override
	public void run(ApplicationArguments args) {
		long start = System.nanoTime();
		if (installed.holds(profilePackage)) {
			searchParamRegistry.forceRefresh();
			log.info("FHIR package {}#{} is installed as it is (sha-256 {}), nothing to install ({} ms)", profilePackage.name(),
					profilePackage.version(), profilePackage.contentHash().substring(0, 12), (System.nanoTime() - start) / 1_000_000);
			return;
		}
		Map<String, MetadataResource> toStore = new LinkedHashMap<>();
		profilePackage.resources().forEach(r -> toStore.put(key(r), r));
		SnapshotGenerator snapshots = new SnapshotGenerator();
		for (StructureDefinition sd : dependenciesFirst(profilePackage.structureDefinitions())) {
			toStore.put(key(sd), snapshots.withSnapshot(sd));
		}
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		InstallTargets.resolve(daos, toStore.values()).forEach((resource, id) -> {
			MetadataResource written = resource.copy();
			written.setId(resource.fhirType() + "/" + id);
			transaction.addEntry()
					.setResource(written)
					.getRequest()
					.setMethod(Bundle.HTTPVerb.PUT)
					.setUrl(resource.fhirType() + "/" + id);
		});
		systemDao.transaction(new SystemRequestDetails(), transaction);
		installed.recordInstalled(profilePackage);
		// The package's SearchParameters must work from the first request, not after the next poll.
		searchParamRegistry.forceRefresh();
		log.info(
				"Installed FHIR package {}#{}: {} resources in {} ms",
				profilePackage.name(),
				profilePackage.version(),
				toStore.size(),
				(System.nanoTime() - start) / 1_000_000);
	}

	private static String key(MetadataResource resource) {
		return resource.getUrl() + "|" + resource.getVersion();
	}

	/**
	 * Extensions before the profiles that use them, and profiles before profiles built on them, so every
	 * snapshot is generated from complete definitions and the result is the same on every start.
	 */
	private List<StructureDefinition> dependenciesFirst(List<StructureDefinition> definitions) {
		return definitions.stream()
				.sorted(Comparator.comparingInt((StructureDefinition sd) -> "Extension".equals(sd.getType()) ? 0 : 1)
						.thenComparingInt(sd -> profilePackage.owns(sd.getBaseDefinition()) ? 1 : 0))
				.toList();
	}

	/**
	 * Generates snapshots from the package itself layered over the server's own validation support (the
	 * core spec, loaded once and so already warm for the first validated write).
	 */
	private final class SnapshotGenerator {
		private final PrePopulatedValidationSupport packageResources;
		private final ValidationSupportChain chain;

		SnapshotGenerator() {
			packageResources = new PrePopulatedValidationSupport(fhirContext);
			profilePackage.resources().forEach(packageResources::addResource);
			// Its own generator resolves profiles through this chain (the server's is bound to the server's
			// context, which has not seen the package yet), and no cache: each generated snapshot replaces
			// its differential, and later lookups must see the new one.
			chain = new ValidationSupportChain(
					ValidationSupportChain.CacheConfiguration.disabled(),
					packageResources,
					new SnapshotGeneratingValidationSupport(fhirContext),
					serverValidationSupport);
		}

		StructureDefinition withSnapshot(StructureDefinition differential) {
			if (differential.hasSnapshot()) {
				return differential;
			}
			StructureDefinition copy = differential.copy();
			StructureDefinition generated = (StructureDefinition) chain.generateSnapshot(
					new ValidationSupportContext(chain), copy, copy.getUrl(), null, copy.getName());
			if (generated == null || !generated.hasSnapshot()) {
				throw new IllegalStateException("Could not generate a snapshot for " + differential.getUrl());
			}
			// Later definitions that use this one see it complete.
			packageResources.addResource(generated);
			return generated;
		}
	}
}

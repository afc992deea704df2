package org.fibroplan.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
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
 * transaction of conditional updates keyed on each resource's canonical url, so a restart changes
 * nothing unless the package did, and a broken package leaves the server as it was.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProfilePackageLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ProfilePackageLoader.class);

	private final FhirContext fhirContext;
	private final ProfilePackage profilePackage;
	private final IFhirSystemDao<Bundle, ?> systemDao;

	ProfilePackageLoader(FhirContext fhirContext, ProfilePackage profilePackage, IFhirSystemDao<Bundle, ?> systemDao) {
		this.fhirContext = fhirContext;
		this.profilePackage = profilePackage;
		this.systemDao = systemDao;
	}

	@Override
	public void run(ApplicationArguments args) {
		long start = System.nanoTime();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		SnapshotGenerator snapshots = new SnapshotGenerator();
		for (MetadataResource resource : profilePackage.resources()) {
			MetadataResource toStore = resource instanceof StructureDefinition sd ? snapshots.withSnapshot(sd) : resource;
			transaction.addEntry()
					.setResource(toStore)
					.getRequest()
					.setMethod(Bundle.HTTPVerb.PUT)
					.setUrl(toStore.fhirType() + "?url=" + toStore.getUrl());
		}
		systemDao.transaction(new SystemRequestDetails(), transaction);
		log.info(
				"Installed FHIR package {}#{}: {} resources in {} ms",
				profilePackage.name(),
				profilePackage.version(),
				profilePackage.resources().size(),
				(System.nanoTime() - start) / 1_000_000);
	}

	/** Generates snapshots from the package itself and the core spec, so hand-written differentials suffice. */
	private final class SnapshotGenerator {
		private final ValidationSupportChain chain;

		SnapshotGenerator() {
			PrePopulatedValidationSupport packageResources = new PrePopulatedValidationSupport(fhirContext);
			profilePackage.resources().forEach(packageResources::addResource);
			chain = new ValidationSupportChain(
					packageResources,
					new DefaultProfileValidationSupport(fhirContext),
					new CommonCodeSystemsTerminologyService(fhirContext),
					new InMemoryTerminologyServerValidationSupport(fhirContext),
					new SnapshotGeneratingValidationSupport(fhirContext));
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
			return generated;
		}
	}
}

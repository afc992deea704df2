package org.fibroplan.demo.internal;

import org.fibroplan.demo.DemoData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo story once the application is ready, that is after every ApplicationRunner: the FHIR
 * package (Questionnaires, rules) and the demo logins' Patients are installed by then. On its own thread,
 * so the server answers requests while the story fills in.
 */
@Component
@ConditionalOnProperty(name = "fibroplan.demo.enabled", havingValue = "true", matchIfMissing = true)
class SeedWhenReady {

	private static final Logger log = LoggerFactory.getLogger(SeedWhenReady.class);

	private final DemoData demoData;

	SeedWhenReady(DemoData demoData) {
		this.demoData = demoData;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void seedInTheBackground() {
		Thread seeding = new Thread(this::seed, "demo-data");
		// Never holds the JVM open; an interrupted seed is completed by the next start (it is idempotent).
		seeding.setDaemon(true);
		seeding.start();
	}

	private void seed() {
		long start = System.nanoTime();
		try {
			DemoData.Seeded seeded = demoData.seed();
			log.info("Demo data ready in {} ms: {} patients and {} answers created, {} answers already there{}",
					(System.nanoTime() - start) / 1_000_000, seeded.patientsCreated(), seeded.responsesCreated(),
					seeded.responsesAlreadyThere(), seeded.patientsSkipped() > 0 ? ", " + seeded.patientsSkipped() + " login patients absent" : "");
		} catch (RuntimeException e) {
			// The demo is a convenience: the server stays up and says why the story is missing.
			log.warn("Demo data could not be seeded: {}", e.getMessage(), e);
		}
	}
}

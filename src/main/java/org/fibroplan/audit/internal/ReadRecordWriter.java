package org.fibroplan.audit.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the records of reads and searches off the request that made them. A page of 20 patients carries 20
 * records (one per patient, as BALP requires), and storing them cost two thirds of the page's time. They are
 * written within moments by one background writer, oldest first; when the queue is full the reader writes its
 * own records (slower, never lost). Stopping the server writes what is queued first. A crash can lose the
 * queued read records (well under a second of them), as ATNA's UDP transport can; a write's record is never
 * queued: it commits with the write. A delete first waits for the queue ({@link #flush()}), so a record names
 * what it read by a reference that still resolves; should one not resolve anyway, it is kept under the
 * resource's full URL.
 */
@Component
class ReadRecordWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReadRecordWriter.class);
	private static final int CAPACITY = 10_000;

	private final DaoRegistry daos;
	private final TransactionTemplate ownTransaction;
	private final BlockingQueue<AuditEvent> queued = new LinkedBlockingQueue<>(CAPACITY);
	private volatile ExecutorService writer;
	private volatile boolean stopping;
	/** Held while records are being stored, so that {@link #flush()} returns only once those are in too. */
	private final ReentrantLock writing = new ReentrantLock();

	ReadRecordWriter(DaoRegistry daos, PlatformTransactionManager transactions) {
		this.daos = daos;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Stores every record queued so far before returning. */
	void flush() {
		writing.lock();
		try {
			List<AuditEvent> rest = new ArrayList<>();
			queued.drainTo(rest);
			rest.forEach(this::storeLogged);
		} finally {
			writing.unlock();
		}
	}

	void record(AuditEvent event) {
		if (writer == null || !queued.offer(event)) {
			store(event);
		}
	}

	/** Each record in its own short transaction: one failing record does not take its neighbours with it. */
	void store(AuditEvent event) {
		ownTransaction.executeWithoutResult(status -> daos.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails()));
	}

	/** Never interrupted: an interrupt during a database write can close H2's file under everyone else. */
	private void drain() {
		while (!stopping || !queued.isEmpty()) {
			try {
				AuditEvent first = queued.poll(200, TimeUnit.MILLISECONDS);
				if (first != null) {
					writing.lock();
					try {
						List<AuditEvent> batch = new ArrayList<>(List.of(first));
						queued.drainTo(batch, 99);
						batch.forEach(this::storeLogged);
					} finally {
						writing.unlock();
					}
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void storeLogged(AuditEvent event) {
		try {
			store(event);
		} catch (RuntimeException refused) {
			storeByFullUrl(event, refused);
		}
	}

	/** HAPI refuses a local reference to a resource deleted since the read: name it by full URL, as for deletes. */
	private void storeByFullUrl(AuditEvent event, RuntimeException refused) {
		String base = event.getSource().getObserver().getDisplay();
		event.getEntity().stream().map(AuditEvent.AuditEventEntityComponent::getWhat)
				.filter(what -> base != null && what.hasReference() && !what.getReferenceElement().hasBaseUrl())
				.forEach(what -> what.setReference(base + "/" + what.getReference()));
		try {
			store(event);
		} catch (RuntimeException e) {
			e.addSuppressed(refused);
			log.error("An access record could not be stored ({} by {} at {})", event.getSubtypeFirstRep().getCode(),
					event.getAgentFirstRep().getWho().getDisplay(), event.getRecorded(), e);
		}
	}

	@Override
	public void start() {
		ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "audit-read-records");
			t.setDaemon(true);
			return t;
		});
		stopping = false;
		thread.execute(this::drain);
		writer = thread;
	}

	/** New records are written by their readers from now on; what is queued is written, then the writer ends. */
	@Override
	public void stop() {
		ExecutorService thread = writer;
		writer = null;
		stopping = true;
		if (thread != null) {
			thread.shutdown();
			try {
				if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
					log.error("{} access records were not stored before shutdown", queued.size());
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return writer != null;
	}

	/** Stops before the database and HAPI do (lower phases stop later), so the queue can still be written. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}
}

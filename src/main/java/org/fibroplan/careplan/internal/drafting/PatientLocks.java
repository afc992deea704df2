package org.fibroplan.careplan.internal.drafting;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One revision per patient at a time, held until the revising transaction ends, so two answers arriving
 * together cannot both create a draft. This holds within one server instance; several instances on one
 * database would need a database lock (see docs/architecture.md).
 */
@Component
public class PatientLocks {

	private final ReentrantLock[] stripes = new ReentrantLock[64];

	public PatientLocks() {
		for (int i = 0; i < stripes.length; i++) {
			stripes[i] = new ReentrantLock();
		}
	}

	public void lockUntilTransactionEnds(String patient) {
		ReentrantLock lock = stripes[Math.floorMod(patient.hashCode(), stripes.length)];
		if (lock.isHeldByCurrentThread() || !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		try {
			if (!lock.tryLock(30, TimeUnit.SECONDS)) {
				throw new ResourceVersionConflictException("The care plan of Patient/" + patient + " is being revised by another request; try again.");
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ResourceVersionConflictException("Interrupted while waiting to revise the care plan of Patient/" + patient);
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				lock.unlock();
			}
		});
	}
}

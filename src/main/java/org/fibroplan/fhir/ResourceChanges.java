package org.fibroplan.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How a module keeps a cache of stored resources honest: the action runs whenever a resource of the type
 * is created, updated or deleted, by any path (API, transaction Bundle, the server itself), once before
 * the write commits (so the writing transaction sees the change) and once after (so a reader that cached
 * the old version in between does not keep it).
 */
@Component
public class ResourceChanges {

	private final IInterceptorService interceptors;

	ResourceChanges(IInterceptorService interceptors) {
		this.interceptors = interceptors;
	}

	public void onWrite(Class<? extends IBaseResource> type, Runnable action) {
		interceptors.registerInterceptor(new Listener(type, action));
	}

	@Interceptor
	static final class Listener {

		private final Class<? extends IBaseResource> type;
		private final Runnable action;

		Listener(Class<? extends IBaseResource> type, Runnable action) {
			this.type = type;
			this.action = action;
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
		public void created(IBaseResource resource) {
			changed(resource);
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
		public void updated(IBaseResource previous, IBaseResource resource) {
			changed(resource);
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
		public void deleted(IBaseResource resource) {
			changed(resource);
		}

		private void changed(IBaseResource resource) {
			if (!type.isInstance(resource)) {
				return;
			}
			action.run();
			if (TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						action.run();
					}
				});
			}
		}
	}
}

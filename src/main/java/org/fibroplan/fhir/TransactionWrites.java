package org.fibroplan.fhir;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.IResourcePersistentId;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the server makes itself inside one database transaction: an answer's score, the draft plan it
 * revises, the plan's Provenance, the review Task, the audit record. Each of them names the patient, the
 * answer or the score, and HAPI would look every such reference up in the database again, once per resource
 * (a sixth of an answer's cost, measured). Written through here they share what this transaction has
 * already resolved, as the entries of one transaction Bundle do, and each resource written is known to the
 * writes after it. Each write keeps its own HAPI transaction details otherwise (its own timestamp). A delete
 * in the transaction forgets the resource; a transaction of its own (REQUIRES_NEW) starts afresh. Outside a
 * transaction nothing is shared.
 */
public final class TransactionWrites {

	private static final Object KEY = TransactionWrites.class;

	private TransactionWrites() {}

	public static <T extends IBaseResource> DaoMethodOutcome create(IFhirResourceDao<T> dao, T resource, RequestDetails request) {
		DaoMethodOutcome outcome = dao.create(resource, null, true, request, details());
		remember(outcome.getId(), outcome.getPersistentId());
		return outcome;
	}

	public static <T extends IBaseResource> DaoMethodOutcome update(IFhirResourceDao<T> dao, T resource, RequestDetails request) {
		DaoMethodOutcome outcome = dao.update(resource, null, true, false, request, details());
		remember(outcome.getId(), outcome.getPersistentId());
		return outcome;
	}

	/** The database id of a resource this transaction has already resolved or written: no query needed. */
	public static Optional<IResourcePersistentId<?>> resolved(IIdType id) {
		Map<String, JpaPid> shared = shared(false);
		return shared == null || id == null || !id.hasIdPart() ? Optional.empty() : Optional.ofNullable(shared.get(key(id)));
	}

	/** Details for one write that read from, and add to, what the transaction has resolved. */
	public static TransactionDetails details() {
		Map<String, JpaPid> shared = shared(true);
		return shared == null ? new TransactionDetails() : new SharingDetails(shared);
	}

	/** A resource written or resolved by HAPI outside these methods (the client's own request), made known. */
	public static void remember(IIdType id, IResourcePersistentId<?> pid) {
		Map<String, JpaPid> shared = shared(true);
		if (shared != null && id != null && id.hasIdPart() && id.hasResourceType() && pid instanceof JpaPid jpa && jpa.getId() != null) {
			JpaPid copy = JpaPid.fromId(jpa.getId(), jpa.getPartitionId());
			copy.setAssociatedResourceId(id.toUnqualifiedVersionless());
			shared.put(key(id), copy);
		}
	}

	/** A resource deleted in this transaction: a later reference to it must be refused as HAPI would. */
	public static void forget(IIdType id) {
		Map<String, JpaPid> shared = shared(false);
		if (shared != null && id != null && id.hasIdPart()) {
			shared.remove(key(id));
		}
	}

	private static String key(IIdType id) {
		return id.getResourceType() + "/" + id.getIdPart();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, JpaPid> shared(boolean create) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			return null;
		}
		Map<String, JpaPid> shared = (Map<String, JpaPid>) TransactionSynchronizationManager.getResource(KEY);
		if (shared == null && create) {
			Map<String, JpaPid> fresh = new HashMap<>();
			TransactionSynchronizationManager.bindResource(KEY, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void suspend() {
					TransactionSynchronizationManager.unbindResource(KEY);
				}

				@Override
				public void resume() {
					TransactionSynchronizationManager.bindResource(KEY, fresh);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
				}
			});
			shared = fresh;
		}
		return shared;
	}

	/** HAPI's per-write details, answering "already resolved?" from the transaction's shared map too. */
	private static final class SharingDetails extends TransactionDetails {

		private final Map<String, JpaPid> shared;

		SharingDetails(Map<String, JpaPid> shared) {
			this.shared = shared;
		}

		@Override
		public IResourcePersistentId getResolvedResourceId(IIdType id) {
			IResourcePersistentId own = super.getResolvedResourceId(id);
			if (own == null && id != null && id.hasIdPart() && id.hasResourceType()) {
				return shared.get(key(id));
			}
			return own;
		}

		@Override
		public void addResolvedResourceId(IIdType id, IResourcePersistentId pid) {
			super.addResolvedResourceId(id, pid);
			if (id != null && id.hasIdPart() && id.hasResourceType() && pid instanceof JpaPid jpa && jpa.getId() != null) {
				JpaPid copy = JpaPid.fromId(jpa.getId(), jpa.getPartitionId());
				copy.setAssociatedResourceId(id.toUnqualifiedVersionless());
				shared.put(key(id), copy);
			}
		}
	}
}

package org.fibroplan.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;
import java.util.Set;

/**
 * Records that only name a resource — audit records, a plan's provenance and the reasons it gives — must
 * not stop that resource from being deleted (a patient's corrected answer replaces its old scores).
 * HAPI 8.8 honours {@code enforceReferentialIntegrityOnDeleteDisableForPaths} only in $delete-expunge,
 * so the same paths are let through here, for ordinary deletes; the deleted version stays in the history.
 */
public class ToleratedDeleteReferences {

	private final Set<String> paths;

	public ToleratedDeleteReferences(Set<String> paths) {
		this.paths = Set.copyOf(paths);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
	public DeleteConflictOutcome tolerate(DeleteConflictList conflicts) {
		conflicts.removeIf(conflict -> paths.contains(conflict.getSourcePath()));
		return null;
	}
}

package org.fibroplan.fhir.internal;

import ca.uhn.fhir.jpa.cache.IResourceChangeEvent;
import ca.uhn.fhir.jpa.cache.IResourceChangeListener;
import ca.uhn.fhir.jpa.cache.IResourceChangeListenerCache;
import ca.uhn.fhir.jpa.cache.IResourceChangeListenerRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fibroplan.fhir.FhirServerProperties;
import org.hl7.fhir.instance.model.api.IIdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes a definition written by another instance on the same database reach this one's
 * {@link CachedDefinitions} within fibroplan.fhir.definition-refresh. HAPI's resource-change listener
 * registry does the detecting: it keeps the id and version of every resource of a watched type and
 * compares them with the database's, ids and versions only (definitions are a few hundred rows, however
 * large the clinic grows). Its own job looks every 10 s at most; this class looks at the configured pace.
 */
@Component
class DefinitionsWrittenElsewhere implements IResourceChangeListener, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DefinitionsWrittenElsewhere.class);

	/** The types {@link CachedDefinitions} is asked for (instruments, rules and their terminology). */
	static final List<String> WATCHED = List.of(
			"Questionnaire", "PlanDefinition", "ActivityDefinition", "CodeSystem", "ValueSet", "ConceptMap");

	private final CachedDefinitions definitions;
	private final List<IResourceChangeListenerCache> caches;
	private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "definitions-written-elsewhere");
		thread.setDaemon(true);
		return thread;
	});

	DefinitionsWrittenElsewhere(IResourceChangeListenerRegistry registry, CachedDefinitions definitions, FhirServerProperties properties) {
		this.definitions = definitions;
		long every = properties.definitionRefresh().toMillis();
		this.caches = WATCHED.stream()
				.map(type -> registry.registerResourceResourceChangeListener(type, SearchParameterMap.newSynchronous(), this, every))
				.toList();
		poller.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
	}

	private void refresh() {
		for (IResourceChangeListenerCache cache : caches) {
			try {
				cache.forceRefresh();
			} catch (RuntimeException e) {
				// the database may be briefly away; the next round asks again
				log.warn("Could not check {} definitions for changes by other instances: {}", cache.getResourceName(), e.toString());
			}
		}
	}

	@Override
	public void handleInit(Collection<IIdType> resourceIds) {
		// the first look: nothing to compare with yet
	}

	@Override
	public void handleChange(IResourceChangeEvent event) {
		if (!event.isEmpty()) {
			definitions.forget();
		}
	}

	@Override
	public void destroy() {
		poller.shutdownNow();
	}
}

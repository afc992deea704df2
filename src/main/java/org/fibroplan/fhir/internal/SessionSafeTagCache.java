package org.fibroplan.fhir.internal;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.model.entity.TagDefinition;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * HAPI's memory cache, except for TagDefinitions (the rows behind profiles, tags and security labels).
 * HAPI caches the entity instance itself, straight after the transaction that loaded it commits, and
 * hands that one instance to every later write. Concurrent writes then share it: Hibernate binds its lazy
 * collections to whichever session touches it first and the other write fails ("Illegal attempt to
 * associate a collection with two open sessions": a 500 for a patient's answers), and a write whose
 * session also loads the row by query holds two instances of it (a Hibernate assertion). Here the cache
 * keeps only the row's id and values, and each use gets the instance of the caller's own persistence
 * context (or a detached copy outside a transaction).
 */
public class SessionSafeTagCache extends MemoryCacheService {

	private final ObjectProvider<EntityManagerFactory> entityManagers;

	public SessionSafeTagCache(JpaStorageSettings settings, ObjectProvider<EntityManagerFactory> entityManagers) {
		super(settings);
		this.entityManagers = entityManagers;
	}

	@Override
	public <K, V> V getIfPresent(CacheEnum cache, K key) {
		return forThisSession(cache, super.getIfPresent(cache, key));
	}

	@Override
	public <K, T> T get(CacheEnum cache, K key, Function<K, T> supplier) {
		return forThisSession(cache, super.get(cache, key, supplier));
	}

	@Override
	public <K, V> void put(CacheEnum cache, K key, V value) {
		super.put(cache, key, value instanceof TagDefinition tag && cache == CacheEnum.TAG_DEFINITION ? detached(tag) : value);
	}

	@SuppressWarnings("unchecked")
	private <V> V forThisSession(CacheEnum cache, V value) {
		if (cache != CacheEnum.TAG_DEFINITION || !(value instanceof TagDefinition tag)) {
			return value;
		}
		EntityManager session = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagers.getObject());
		if (session == null) {
			return (V) detached(tag);
		}
		return (V) session.find(TagDefinition.class, tag.getId()); // null if the row is gone: HAPI then looks it up again
	}

	private static TagDefinition detached(TagDefinition tag) {
		TagDefinition copy = new TagDefinition(tag.getTagType(), tag.getSystem(), tag.getCode(), tag.getDisplay());
		copy.setId(tag.getId());
		copy.setVersion(tag.getVersion());
		copy.setUserSelected(tag.getUserSelected());
		return copy;
	}
}

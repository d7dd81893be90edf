package io.graphqlusers.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.graphqlusers.common.cache.RedisAccess;
import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.events.EventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Response;

/**
 * Read-through cache of users by id, the hottest lookup ({@code user}, {@code node}, {@code me}, post authors). In
 * Redis when configured, shared by all replicas; otherwise in process (bounded). Entries expire after
 * {@code app.cache.users.ttl}. Every write evicts the entry after its transaction commits (on the writing replica at
 * once, in Redis for everyone) and announces it, so replicas with an in-process cache evict too. The cache holds what
 * the database holds; field rules ({@code email}) apply afterwards, per caller.
 */
@ApplicationScoped
public class UserCache {

    static final String CHANGED = "userChanged";
    private static final String PREFIX = "graphql-users:user:";

    private final RedisAccess redis;
    private final boolean enabled;
    private final Cache<Long, User> local;
    private final long ttlSeconds;
    private final Jsonb json = JsonbBuilder.create();
    private final Counter hits;
    private final Counter misses;

    UserCache(RedisAccess redis, AppConfig config) {
        this.redis = redis;
        this.enabled = config.cache().users().enabled();
        Duration ttl = config.cache().users().ttl();
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
        this.local = Caffeine.newBuilder().maximumSize(config.cache().users().maxEntries()).expireAfterWrite(ttl).build();
        this.hits = Counter.builder("graphql_users_cache_gets").tag("cache", "users").tag("result", "hit")
                .register(Metrics.globalRegistry);
        this.misses = Counter.builder("graphql_users_cache_gets").tag("cache", "users").tag("result", "miss")
                .register(Metrics.globalRegistry);
    }

    void listen(@Observes StartupEvent event, EventListener listener) {
        listener.subscribe(changed -> CHANGED.equals(changed.type()), changed -> local.invalidate(changed.id()));
    }

    /** The users with these ids that exist, from the cache where present, the rest from {@code loader} in one call. */
    public Map<Long, User> getAll(Collection<Long> ids, Function<Set<Long>, Map<Long, User>> loader) {
        if (!enabled) {
            return loader.apply(new LinkedHashSet<>(ids));
        }
        Map<Long, User> found = new HashMap<>();
        Set<Long> missing = new LinkedHashSet<>(ids);
        if (redis.configured()) {
            List<String> keys = new ArrayList<>();
            missing.forEach(id -> keys.add(PREFIX + id));
            Optional<Response> shared = redis.call(api -> api.mget(keys));
            shared.ifPresent(values -> values.forEach(value -> {
                if (value != null) {
                    User user = json.fromJson(value.toString(), User.class);
                    found.put(user.databaseId(), user);
                }
            }));
        } else {
            for (Long id : ids) {
                User user = local.getIfPresent(id);
                if (user != null) {
                    found.put(id, user);
                }
            }
        }
        missing.removeAll(found.keySet());
        hits.increment(found.size());
        misses.increment(missing.size());
        if (!missing.isEmpty()) {
            Map<Long, User> loaded = loader.apply(missing);
            loaded.values().forEach(this::put);
            found.putAll(loaded);
        }
        return found;
    }

    public Optional<User> get(long id, Function<Set<Long>, Map<Long, User>> loader) {
        return Optional.ofNullable(getAll(List.of(id), loader).get(id));
    }

    /** Forgets a user here and in Redis; call after the change has committed. */
    public void evict(long id) {
        local.invalidate(id);
        redis.call(api -> api.del(List.of(PREFIX + id)));
    }

    private void put(User user) {
        if (redis.configured()) {
            redis.call(api -> api.setex(PREFIX + user.databaseId(), Long.toString(ttlSeconds), json.toJson(user)));
        } else {
            local.put(user.databaseId(), user);
        }
    }
}

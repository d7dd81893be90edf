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
 * <p>
 * A read that missed the cache may have read the row just before a write committed, and store it just after that
 * write's eviction: the cache would then serve the old row until it expires. So every entry carries the row's
 * version, an eviction leaves a marker with the version the write committed ({@link #DELETED} for a deletion), and
 * nothing replaces a newer version with an older one: the late copy of the old row is refused.
 */
@ApplicationScoped
public class UserCache {

    static final String CHANGED = "userChanged";
    /** The version an eviction names when the user was deleted: no copy of it is cached again. */
    public static final long DELETED = Long.MAX_VALUE;
    private static final String PREFIX = "graphql-users:user:";
    /**
     * Stores ARGV[1] (a user as JSON, or nothing for an eviction marker) as "version|value" with ARGV[3] seconds to
     * live, unless what is stored has a higher version. Values in another form (an older release's) are replaced.
     */
    private static final String PUT_UNLESS_NEWER = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local version = tonumber(string.match(current, '^(%d+)|'))
              if version and version > tonumber(ARGV[2]) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[2] .. '|' .. ARGV[1], 'EX', ARGV[3])
            return 1
            """;

    private final RedisAccess redis;
    private final boolean enabled;
    /** A user, or (user null) the marker of an eviction: only a copy of at least this version may be cached. */
    private final Cache<Long, Entry> local;
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
        listener.subscribe(changed -> CHANGED.equals(changed.type()),
                changed -> putLocal(changed.id(), new Entry(null, changed.version())));
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
                // "version|json"; an eviction marker has no JSON, an older release's entry no version: both misses.
                String stored = value == null ? "" : value.toString();
                int bar = stored.indexOf('|');
                if (bar > 0 && bar + 1 < stored.length()) {
                    User user = json.fromJson(stored.substring(bar + 1), User.class);
                    found.put(user.databaseId(), user);
                }
            }));
        } else {
            for (Long id : ids) {
                Entry entry = local.getIfPresent(id);
                if (entry != null && entry.user != null) {
                    found.put(id, entry.user);
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

    /**
     * Forgets a user here and in Redis; call after the change has committed, with the version it committed
     * ({@link #DELETED} for a deletion).
     */
    public void evict(long id, long version) {
        putLocal(id, new Entry(null, version));
        putShared(id, version, "");
    }

    private void put(User user) {
        if (redis.configured()) {
            putShared(user.databaseId(), user.version(), json.toJson(user));
        } else {
            putLocal(user.databaseId(), new Entry(user, user.version()));
        }
    }

    private void putLocal(long id, Entry entry) {
        local.asMap().compute(id, (key, current) -> current != null && current.version > entry.version ? current : entry);
    }

    private void putShared(long id, long version, String value) {
        redis.call(api -> api.eval(List.of(PUT_UNLESS_NEWER, "1", PREFIX + id, value, Long.toString(version),
                Long.toString(ttlSeconds))));
    }

    private record Entry(User user, long version) {
    }
}

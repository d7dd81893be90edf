package io.graphqlusers.common.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.graphqlusers.common.config.AppConfig;
import io.smallrye.mutiny.Uni;

/**
 * Automatic persisted queries (Apollo's protocol): documents by their SHA-256, so clients send a hash instead of the
 * text. Kept in Redis when configured, so every replica knows what one replica learnt, and always in a bounded
 * in-process map as well (the fast path, and the whole store without Redis).
 */
@ApplicationScoped
public class PersistedQueries {

    private static final String PREFIX = "graphql-users:apq:";

    private final RedisAccess redis;
    private final long ttlSeconds;
    private final Map<String, String> local;

    PersistedQueries(RedisAccess redis, AppConfig config) {
        this.redis = redis;
        this.ttlSeconds = config.apq().ttl().toSeconds();
        int capacity = config.apq().maxEntries();
        this.local = Collections.synchronizedMap(new LinkedHashMap<>(capacity, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        });
    }

    /** Non-blocking: runs on the event loop. */
    public Uni<Optional<String>> find(String hash) {
        String query = local.get(hash);
        if (query != null) {
            return Uni.createFrom().item(Optional.of(query));
        }
        return redis.callAsync(api -> api.get(PREFIX + hash).map(value -> value == null ? null : value.toString()))
                .invoke(shared -> shared.ifPresent(found -> local.put(hash, found)));
    }

    /** Non-blocking: the Redis write completes in the background. */
    public void save(String hash, String query) {
        local.put(hash, query);
        redis.callAsync(api -> api.setex(PREFIX + hash, Long.toString(ttlSeconds), query)).subscribe().with(ignored -> {
        });
    }

    public static String sha256(String query) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

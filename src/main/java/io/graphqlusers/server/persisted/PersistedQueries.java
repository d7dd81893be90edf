package io.graphqlusers.server.persisted;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.graphqlusers.common.cache.RedisAccess;
import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.throttle.TokenBuckets;
import io.smallrye.mutiny.Uni;

/**
 * Automatic persisted queries (Apollo's protocol): documents by their SHA-256, so clients send a hash instead of the
 * text. Kept in Redis when configured, so every replica knows what one replica learnt, and always in an in-process
 * map as well (the fast path, and the whole store without Redis).
 * <p>
 * What a client can make the service keep is bounded: a document is registered only after it passed every check
 * (the transport calls {@link #register} then), each client may register {@code app.apq.registrations-per-minute}
 * documents (more are executed, not kept), and the in-process map holds at most {@code app.apq.max-bytes} of text,
 * the least recently used documents out first.
 */
@ApplicationScoped
public class PersistedQueries {

    private static final Logger LOG = Logger.getLogger(PersistedQueries.class);
    private static final String PREFIX = "graphql-users:apq:";
    /** What one entry costs besides its text: the hash, the map's entry and links. */
    private static final long ENTRY_OVERHEAD = 200;

    private final RedisAccess redis;
    private final long ttlSeconds;
    private final long maxBytes;
    private final TokenBuckets registrations;
    /** Access-ordered: the eldest entry is the least recently used. Guarded by itself. */
    private final LinkedHashMap<String, String> local = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    PersistedQueries(RedisAccess redis, AppConfig config) {
        this.redis = redis;
        this.ttlSeconds = config.apq().ttl().toSeconds();
        this.maxBytes = config.apq().maxBytes();
        int perMinute = config.apq().registrationsPerMinute();
        this.registrations = new TokenBuckets(perMinute / 60.0, perMinute, config.rateLimit().maxClients());
    }

    /** Non-blocking: runs on the event loop. */
    public Uni<Optional<String>> find(String hash) {
        String query;
        synchronized (local) {
            query = local.get(hash);
        }
        if (query != null) {
            return Uni.createFrom().item(Optional.of(query));
        }
        return redis.callAsync(api -> api.get(PREFIX + hash).map(value -> value == null ? null : value.toString()))
                .invoke(shared -> shared.ifPresent(found -> keep(hash, found)));
    }

    /**
     * Keeps a document that passed every check under its hash, unless {@code client} has used up its registrations
     * for now. Non-blocking: the Redis write completes in the background.
     *
     * @return whether it was kept
     */
    public boolean register(String hash, String query, String client) {
        synchronized (local) {
            if (local.containsKey(hash)) {
                return true;
            }
        }
        if (size(query) > maxBytes) {
            return false; // would push every other document out and not stay itself
        }
        if (registrations.acquire(client) > 0) {
            LOG.debugf("Not keeping a persisted query of %s: its registrations are used up for now", client);
            return false;
        }
        keep(hash, query);
        redis.callAsync(api -> api.setex(PREFIX + hash, Long.toString(ttlSeconds), query)).subscribe().with(ignored -> {
        });
        return true;
    }

    private void keep(String hash, String query) {
        synchronized (local) {
            String previous = local.put(hash, query);
            bytes += size(query) - (previous == null ? 0 : size(previous));
            Iterator<Map.Entry<String, String>> eldest = local.entrySet().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                bytes -= size(eldest.next().getValue());
                eldest.remove();
            }
        }
    }

    /** Bytes of heap an entry takes, near enough: two per character (Java strings of non-Latin-1 text), plus the rest. */
    private static long size(String query) {
        return 2L * query.length() + ENTRY_OVERHEAD;
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

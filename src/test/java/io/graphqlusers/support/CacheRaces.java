package io.graphqlusers.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.graphqlusers.common.node.GlobalId;
import io.graphqlusers.user.Role;
import io.graphqlusers.user.User;
import io.graphqlusers.user.UserCache;

/**
 * The race between a read that misses the users cache and a write, played in the order that used to leave a stale
 * copy behind: the read loads the row, the write commits and evicts, then the read stores what it loaded. The loaders
 * stand in for the database, so the order is certain; the same for either store (in process, Redis).
 */
public final class CacheRaces {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private CacheRaces() {
    }

    /** A copy read before an update committed is not cached after the update's eviction; the next read caches anew. */
    public static void aCopyReadBeforeAnUpdateIsNotCached(UserCache cache, long id) {
        User old = user(id, "Before the update", 4);
        User current = user(id, "After the update", 5);
        Map<Long, User> read = cache.getAll(List.of(id), ids -> {
            cache.evict(id, 5);
            return Map.of(id, old);
        });
        assertEquals(old, read.get(id), "the read itself answers with what it read");
        AtomicInteger loads = new AtomicInteger();
        assertEquals(current, cache.get(id, ids -> {
            loads.incrementAndGet();
            return Map.of(id, current);
        }).orElseThrow(), "the old copy was refused, so this read goes to the database");
        assertEquals(1, loads.get());
        assertEquals(current, cache.get(id, ids -> fail("version 5 should be cached")).orElseThrow());
    }

    /** A copy read before a deletion committed is never cached after it. */
    public static void aCopyReadBeforeADeletionIsNotCached(UserCache cache, long id) {
        cache.getAll(List.of(id), ids -> {
            cache.evict(id, UserCache.DELETED);
            return Map.of(id, user(id, "Deleted meanwhile", 2));
        });
        AtomicInteger loads = new AtomicInteger();
        assertTrue(cache.get(id, ids -> {
            loads.incrementAndGet();
            return Map.of();
        }).isEmpty());
        assertEquals(1, loads.get(), "the deleted user's copy was refused");
    }

    private static User user(long id, String name, int version) {
        return new User(GlobalId.encode("User", id), name, "race" + id + "@example.com", Role.USER, version, AT, AT, id);
    }
}

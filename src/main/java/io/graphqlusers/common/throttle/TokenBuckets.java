package io.graphqlusers.common.throttle;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * One token bucket per client (whatever the caller keys it by: a token's subject, an address, an account): a burst,
 * then a sustained rate. Buckets of clients unseen for a minute are dropped
 * (a full bucket is what a new one would be), and at most {@code maxClients} are kept, least recently used out first.
 */
public final class TokenBuckets {

    private final double perSecond;
    private final double burst;
    private final Cache<String, Bucket> buckets;

    public TokenBuckets(double perSecond, double burst, long maxClients) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(1)).maximumSize(maxClients).build();
    }

    /** @return 0 when the client may go on (a token is taken), else the seconds until it may */
    public long acquire(String client) {
        Bucket bucket = buckets.get(client, key -> new Bucket(burst, System.nanoTime()));
        synchronized (bucket) {
            long now = System.nanoTime();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / 1e9 * perSecond);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perSecond);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}

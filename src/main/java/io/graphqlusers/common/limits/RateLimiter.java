package io.graphqlusers.common.limits;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.graphqlusers.common.config.AppConfig;

/**
 * A token bucket per client: the token's subject for authenticated requests, the remote address otherwise. Each
 * client may send {@code burst} requests at once and {@code requests-per-second} sustained; idle buckets are dropped
 * after a minute, so memory is bounded by the clients active in that minute (at most {@code max-clients}).
 * <p>
 * Per replica: with N replicas behind a load balancer a client gets up to N times the rate.
 */
@ApplicationScoped
public class RateLimiter {

    private final boolean enabled;
    private final double perSecond;
    private final double burst;
    private final Cache<String, Bucket> buckets;

    RateLimiter(AppConfig config) {
        AppConfig.RateLimit limit = config.rateLimit();
        this.enabled = limit.enabled();
        this.perSecond = limit.requestsPerSecond();
        this.burst = limit.burst();
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(1)).maximumSize(limit.maxClients())
                .build();
    }

    /** @return 0 when the request may proceed, else the seconds to wait before the next one would */
    public long acquire(String client) {
        if (!enabled) {
            return 0;
        }
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

package io.graphqlusers.server.guard;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import graphql.GraphQLError;
import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.error.ErrorCode;
import io.graphqlusers.common.throttle.TokenBuckets;
import io.graphqlusers.server.errors.ErrorTranslator;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * A token bucket per client: the token's subject for authenticated requests, the remote address otherwise. Each
 * client may send {@code burst} requests at once and {@code requests-per-second} sustained; idle buckets are dropped
 * after a minute, so memory is bounded by the clients active in that minute (at most {@code max-clients}).
 * <p>
 * Every operation counts, whichever transport carries it: an HTTP request, a WebSocket upgrade, and each operation
 * sent on a WebSocket (events pushed to a subscription do not count).
 * <p>
 * Per replica: with N replicas behind a load balancer a client gets up to N times the rate.
 */
@ApplicationScoped
public class RateLimiter {

    private final boolean enabled;
    private final TokenBuckets buckets;

    RateLimiter(AppConfig config) {
        AppConfig.RateLimit limit = config.rateLimit();
        this.enabled = limit.enabled();
        this.buckets = new TokenBuckets(limit.requestsPerSecond(), limit.burst(), limit.maxClients());
    }

    /** @return 0 when the request may proceed, else the seconds to wait before the next one would */
    public long acquire(String client) {
        return enabled ? buckets.acquire(client) : 0;
    }

    /** The bucket key of an HTTP request (a WebSocket upgrade too). */
    public static String client(RoutingContext ctx) {
        return client(ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null,
                ctx.request().remoteAddress());
    }

    /** The bucket key: the authenticated subject when there is one, else the remote address. */
    public static String client(SecurityIdentity identity, SocketAddress remote) {
        if (identity != null && !identity.isAnonymous()) {
            return "user:" + identity.getPrincipal().getName();
        }
        return "address:" + (remote == null ? "unknown" : remote.hostAddress());
    }

    /**
     * The error a refused operation gets. {@code retryAfter} repeats HTTP's Retry-After header for WebSocket clients,
     * which have no headers per operation.
     */
    public static GraphQLError refusal(long retryAfterSeconds) {
        return ErrorTranslator.error(ErrorCode.RATE_LIMITED,
                "Too many requests; retry after " + retryAfterSeconds + " s", Map.of("retryAfter", retryAfterSeconds));
    }
}

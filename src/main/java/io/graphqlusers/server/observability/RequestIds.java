package io.graphqlusers.server.observability;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every HTTP request an id: the caller's {@code X-Request-Id} when it is a plausible id, a new UUID otherwise.
 * It is echoed in the response header, put in the logging context (so every log line of the request carries
 * {@code requestId}, in the JSON logs of production too), and used as the {@code errorId} of internal errors, so one
 * id leads from a client's error report to every log line of its request.
 */
@ApplicationScoped
class RequestIds {

    static final String KEY = "requestId";
    static final String HEADER = "X-Request-Id";
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    void register(@Observes Router router) {
        // Before authentication and every other handler, so their log lines carry it too.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::assign);
    }

    private void assign(RoutingContext ctx) {
        String offered = ctx.request().getHeader(HEADER);
        String id = offered != null && PLAUSIBLE.matcher(offered).matches() ? offered : newId();
        MDC.put(KEY, id);
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    /**
     * A random (version 4) UUID from the thread's generator: an id to correlate, not a secret, and
     * {@code UUID.randomUUID()}'s SecureRandom takes a global lock on every request (3 % of a small query's CPU).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L).toString();
    }
}

package io.graphqlusers.common.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.graphqlusers.common.config.AppConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

/**
 * Redis as an optional accelerator, used when {@code quarkus.redis.hosts} is set. Every call is bounded by
 * {@code app.cache.redis-timeout}; a failure opens a breaker for {@code app.cache.redis-retry-after}, during which
 * callers are told Redis is unavailable at once (so an outage costs one timeout per interval, not one per request),
 * is logged once per outage and counted in {@code graphql_users_redis_failures_total}. Callers then use the database;
 * nothing fails because of Redis, and the first call after the interval tries it again.
 * <p>
 * The client is the Vert.x one, created here only when configured: the Quarkus Redis beans of this line refuse to
 * start without hosts, and Redis must stay optional.
 */
@ApplicationScoped
public class RedisAccess {

    private static final Logger LOG = Logger.getLogger(RedisAccess.class);

    private final RedisAPI api;
    private final Redis client;
    private final Duration timeout;
    private final long retryAfterMillis;
    private volatile Counter failures;
    private volatile long openUntil;
    private volatile boolean down;

    RedisAccess(Vertx vertx, @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts, AppConfig config) {
        String url = hosts.map(value -> value.split(",")[0].trim()).filter(value -> !value.isEmpty()).orElse(null);
        this.client = url == null ? null
                : Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
                        .setMaxPoolWaiting(64));
        this.api = client == null ? null : RedisAPI.api(client);
        this.timeout = config.cache().redisTimeout();
        this.retryAfterMillis = config.cache().redisRetryAfter().toMillis();
    }

    /**
     * Meters are registered at start-up, not in the constructor: this bean is built while routes are set up, before
     * the Prometheus registry joins the global one, and meters registered then are never exported.
     */
    void registerMeters(@Observes StartupEvent event) {
        failures = Counter.builder("graphql_users_redis_failures").description("Redis calls that failed or timed out")
                .register(Metrics.globalRegistry);
    }

    void close(@Observes ShutdownEvent event) {
        if (client != null) {
            client.close();
        }
    }

    /** Whether Redis is configured at all; without it the in-process stores are the only ones. */
    public boolean configured() {
        return api != null;
    }

    /** The call's result, or empty when Redis is not configured, unavailable, slow or failing. Blocks (bounded). */
    public <T> Optional<T> call(Function<RedisAPI, Uni<T>> operation) {
        return callAsync(operation).await().indefinitely();
    }

    /** The same without blocking, for the event loop. */
    public <T> Uni<Optional<T>> callAsync(Function<RedisAPI, Uni<T>> operation) {
        if (api == null || System.currentTimeMillis() < openUntil) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().deferred(() -> operation.apply(api)).ifNoItem().after(timeout).fail()
                .map(result -> {
                    if (down) {
                        down = false;
                        LOG.info("Redis is reachable again");
                    }
                    return Optional.ofNullable(result);
                })
                .onFailure().recoverWithItem(failure -> {
                    if (failures != null) {
                        failures.increment();
                    }
                    openUntil = System.currentTimeMillis() + retryAfterMillis;
                    if (!down) {
                        down = true;
                        LOG.warnf("Redis unavailable (%s); using the database until it is back", failure);
                    }
                    return Optional.empty();
                });
    }
}

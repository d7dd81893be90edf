package io.graphqlusers.server.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.error.ErrorCode;
import io.graphqlusers.common.events.EventListener;
import io.graphqlusers.security.TokenAuthenticator;
import io.graphqlusers.server.errors.ErrorTranslator;
import io.graphqlusers.server.execution.SmallRyeExecutor;
import io.graphqlusers.server.guard.DocumentAnalyzer;
import io.graphqlusers.server.guard.RateLimiter;
import io.graphqlusers.server.json.JsonVariables;
import io.graphqlusers.server.spi.SubscriptionField;
import io.graphqlusers.server.spi.SubscriptionSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.schema.model.Schema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * GraphQL over WebSocket at {@code /graphql}: accepts upgrades (up to {@code app.subscriptions.max-connections}),
 * and gives each connection what it needs: limits, token checks, request checks and execution.
 */
@ApplicationScoped
public class SubscriptionSupport {

    private static final Logger LOG = Logger.getLogger(SubscriptionSupport.class);

    private final AppConfig.Subscriptions config;
    private final SmallRyeExecutor executor;
    private final TokenAuthenticator tokens;
    private final EventListener listener;
    private final DocumentAnalyzer analyzer;
    private final RateLimiter rateLimiter;
    private final Duration executionTimeout;
    private final Instance<Schema> model;
    private final List<SubscriptionField> sourced = new ArrayList<>();
    private volatile Map<String, ServedSubscription> served;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private final Duration shutdownDelay;
    private volatile boolean shuttingDown;
    private volatile Thread shutdownHook;

    SubscriptionSupport(AppConfig config, SmallRyeExecutor executor, TokenAuthenticator tokens, EventListener listener,
            DocumentAnalyzer analyzer, RateLimiter rateLimiter, Instance<SubscriptionSource> sources, Instance<Schema> model,
            @ConfigProperty(name = "quarkus.shutdown.delay-enabled", defaultValue = "false") boolean delayEnabled,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.config = config.subscriptions();
        // As Quarkus applies it (ShutdownConfig#isDelayEnabled): never in dev mode.
        this.shutdownDelay = delayEnabled && LaunchMode.current() != LaunchMode.DEVELOPMENT
                ? delay.orElse(Duration.ZERO)
                : Duration.ZERO;
        this.executor = executor;
        this.tokens = tokens;
        this.listener = listener;
        this.analyzer = analyzer;
        this.rateLimiter = rateLimiter;
        this.executionTimeout = config.limits().executionTimeout();
        this.model = model;
        sources.forEach(source -> sourced.addAll(source.subscriptionFields()));
    }

    /** Pairs the schema's subscriptions with their event sources at start, so that a missing one fails the start. */
    void pairSubscriptions(@Observes StartupEvent event) {
        served();
    }

    private Map<String, ServedSubscription> served() {
        Map<String, ServedSubscription> current = served;
        if (current == null) {
            current = served = ServedSubscription.of(model.get(), sourced);
        }
        return current;
    }

    /** At start-up, not in the constructor: see RedisAccess#registerMeters. */
    void registerMeters(@Observes StartupEvent event) {
        Gauge.builder("graphql_users_websocket_connections", connections, AtomicInteger::get)
                .description("Open GraphQL WebSocket connections").register(Metrics.globalRegistry);
        Gauge.builder("graphql_users_subscriptions", subscriptions, AtomicInteger::get)
                .description("Subscriptions listening for events").register(Metrics.globalRegistry);
    }

    /** Counts a subscription that started listening; call {@link #subscriptionEnded} when it stops. */
    void subscriptionStarted() {
        subscriptions.incrementAndGet();
    }

    void subscriptionEnded() {
        subscriptions.decrementAndGet();
    }

    /** Upgrades a WebSocket request; anything else goes on to the next handler. */
    public void handle(RoutingContext ctx) {
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
            ctx.next();
            return;
        }
        if (shuttingDown) {
            refuse(ctx, 503, ErrorTranslator.error(ErrorCode.SERVICE_UNAVAILABLE, "The server is shutting down", Map.of()));
            return;
        }
        long wait = rateLimiter.acquire(RateLimiter.client(ctx));
        if (wait > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(wait));
            refuse(ctx, 429, RateLimiter.refusal(wait));
            return;
        }
        if (connections.incrementAndGet() > config.maxConnections()) {
            connections.decrementAndGet();
            // The replica is full, not the request wrong: another replica, or this one later, may take it.
            refuse(ctx, 503, ErrorTranslator.error(ErrorCode.SERVICE_UNAVAILABLE, "Too many WebSocket connections",
                    Map.of("limit", "maxConnections")));
            return;
        }
        SecurityIdentity upgradeIdentity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity()
                : TokenAuthenticator.anonymous();
        Runnable requestDone = UpgradedRequests.completion(ctx.request());
        // The upgrade request's address, which Quarkus takes from X-Forwarded-For behind a trusted proxy
        // (quarkus.http.proxy.*); the socket's own is always the peer's.
        SocketAddress remote = ctx.request().remoteAddress();
        ctx.request().toWebSocket().onComplete(upgrade -> {
            if (upgrade.failed()) {
                connections.decrementAndGet();
                requestDone.run();
                return;
            }
            if (upgrade.result().subProtocol() == null) {
                // Neither graphql-transport-ws nor graphql-ws was offered: nothing this endpoint can speak.
                upgrade.result().close((short) 4406, "Subprotocol not acceptable").onComplete(closed -> requestDone.run());
                connections.decrementAndGet();
                return;
            }
            open.add(new WebSocketConnection(upgrade.result(), remote, Vertx.currentContext(), upgradeIdentity, this,
                    requestDone));
        });
    }

    /**
     * Graceful shutdown, as a subscriber sees it: events keep flowing during {@code quarkus.shutdown.delay} (readiness
     * is DOWN then, requests are still served); when it ends, each subscription gets {@code complete} and each
     * connection closes with 1001 (going away), so clients reconnect to another replica, and new upgrades get 503.
     * <p>
     * Quarkus counts an upgraded WebSocket as an HTTP request in flight until it closes, and fires ShutdownEvent only
     * after those have drained, so waiting for that event would hold every shutdown for the whole
     * {@code quarkus.shutdown.timeout}. A JVM shutdown hook starts with SIGTERM instead, next to Quarkus's own.
     */
    void onStart(@Observes StartupEvent event) {
        Thread hook = new Thread(() -> {
            sleep(shutdownDelay);
            goAway();
        }, "graphql-ws-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
    }

    /** Stops without SIGTERM (tests, dev-mode restarts) reach only this; after SIGTERM it finds nothing left to do. */
    void onShutdown(@Observes ShutdownEvent event) {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run.
        }
        goAway();
    }

    private synchronized void goAway() {
        shuttingDown = true;
        List<WebSocketConnection> closing = List.copyOf(open);
        CountDownLatch closed = new CountDownLatch(closing.size());
        closing.forEach(connection -> connection.goAway(closed::countDown));
        try {
            if (!closed.await(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%d WebSocket connections did not close in time", closed.getCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An upgrade refused with a GraphQL error body, as the HTTP transport answers. */
    private static void refuse(RoutingContext ctx, int status, GraphQLError error) {
        ExecutionResult result = ExecutionResultImpl.newExecutionResult().addError(error).build();
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new ExecutionResponse(result).getExecutionResultAsString());
    }

    SubscriptionRequest parse(JsonObject payload, SecurityIdentity caller) throws SubscriptionRequest.Rejected {
        String query = ((JsonString) payload.get("query")).getString();
        JsonValue rawVariables = payload.get("variables");
        if (rawVariables != null && rawVariables.getValueType() != JsonValue.ValueType.NULL
                && rawVariables.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new SubscriptionRequest.Rejected(List.of(ErrorTranslator.error(ErrorCode.BAD_REQUEST,
                    "`variables` must be a JSON object", Map.of())));
        }
        Map<String, Object> variables = rawVariables instanceof JsonObject object ? JsonVariables.toMap(object) : Map.of();
        String operationName = payload.get("operationName") instanceof JsonString name ? name.getString() : null;
        List<GraphQLError> rejected = analyzer.check(query, operationName, variables, caller);
        if (!rejected.isEmpty()) {
            throw new SubscriptionRequest.Rejected(rejected);
        }
        return SubscriptionRequest.of(analyzer.parsed(query), payload, variables, served(),
                analyzer.rootField(query, operationName));
    }

    void connectionClosed(WebSocketConnection connection) {
        if (open.remove(connection)) {
            connections.decrementAndGet();
        }
    }

    /** @return 0 when the connection's client may send another operation, else the seconds to wait */
    long acquire(SecurityIdentity identity, SocketAddress remote) {
        return rateLimiter.acquire(RateLimiter.client(identity, remote));
    }

    Duration executionTimeout() {
        return executionTimeout;
    }

    SmallRyeExecutor executor() {
        return executor;
    }

    TokenAuthenticator tokens() {
        return tokens;
    }

    EventListener listener() {
        return listener;
    }

    Duration initTimeout() {
        return config.initTimeout();
    }

    int maxPerConnection() {
        return config.maxPerConnection();
    }

    int bufferSize() {
        return config.bufferSize();
    }
}

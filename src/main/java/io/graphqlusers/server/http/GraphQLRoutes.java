package io.graphqlusers.server.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.security.Caller;
import io.graphqlusers.server.execution.DirectExecutor;
import io.graphqlusers.server.guard.DocumentAnalyzer;
import io.graphqlusers.server.guard.RateLimiter;
import io.graphqlusers.server.persisted.PersistedQueries;
import io.graphqlusers.server.websocket.SubscriptionSupport;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Puts our transports in front of SmallRye's own routes on {@code /graphql}: {@link GraphQLHttpHandler} for POST and
 * {@link SubscriptionSupport} for WebSocket upgrades. The schema at {@code /graphql/schema.graphql} is still SmallRye's,
 * behind the same access rule as introspection.
 */
@ApplicationScoped
class GraphQLRoutes {

    static final String PATH = "/graphql";

    /**
     * After authentication (-150), before SmallRye GraphQL's WebSocket route (-99) and its POST route (registered
     * without an order, so numbered from 0 upwards).
     */
    private static final int ORDER = -120;

    /**
     * Execution runs on a worker thread, unordered (requests do not wait for each other), and every resolver runs
     * inline on it. Left on the event loop, SmallRye hands each blocking resolver to a worker on its own, in order, one
     * after the other: a page of 100 users with an {@code email} field took 101 thread hand-offs instead of one.
     */
    void register(@Observes Router router, AppConfig config, Instance<CurrentIdentityAssociation> identity,
            CurrentVertxRequest request, DocumentAnalyzer analyzer, SubscriptionSupport subscriptions,
            PersistedQueries persistedQueries, RateLimiter rateLimiter, DirectExecutor direct, Caller caller) {
        // Absent only when no security extension is installed; the handler then runs without identities.
        GraphQLHttpHandler handler = new GraphQLHttpHandler(identity.isResolvable() ? identity.get() : null, request,
                analyzer, persistedQueries, config, rateLimiter, direct, caller);
        router.route(HttpMethod.POST, PATH).order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(config.http().maxBodySize()))
                .handler(handler::read).blockingHandler(handler, false);
        // WebSocket upgrades: our transport, with init timeout, limits and connection_init tokens, which SmallRye's
        // handler on this Quarkus line lacks. A GET that is no upgrade goes on to the HTTP handler (queries only).
        router.route(HttpMethod.GET, PATH).order(ORDER).handler(subscriptions::handle).handler(handler::read)
                .blockingHandler(handler, false);
        router.route(HttpMethod.GET, PATH + "/schema.graphql").order(ORDER).handler(handler::schemaDocument);
        router.route(PATH).order(Integer.MIN_VALUE).failureHandler(GraphQLHttpHandler::onFailure);
    }
}

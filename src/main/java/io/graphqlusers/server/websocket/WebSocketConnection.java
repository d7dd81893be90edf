package io.graphqlusers.server.websocket;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import org.jboss.logging.Logger;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import io.graphqlusers.common.error.ApiException;
import io.graphqlusers.common.error.ErrorCode;
import io.graphqlusers.common.events.DomainEvent;
import io.graphqlusers.common.node.GlobalId;
import io.graphqlusers.security.TokenAuthenticator;
import io.graphqlusers.server.errors.ErrorTranslator;
import io.graphqlusers.server.guard.RateLimiter;
import io.graphqlusers.server.json.Jsonp;
import io.graphqlusers.server.observability.OperationMetrics;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;

/**
 * One GraphQL WebSocket connection, speaking {@code graphql-transport-ws} (the protocol of the {@code graphql-ws}
 * npm client) or the legacy {@code graphql-ws} (subscriptions-transport-ws). All its state is touched only on the
 * connection's Vert.x context, so it needs no locks.
 * <p>
 * Each subscription keeps its events in a queue of at most {@code app.subscriptions.buffer-size}, renders one at a
 * time, and renders only while the socket can take more: a client that stops reading fills the queue, and the next
 * event ends that subscription with SLOW_SUBSCRIBER instead of growing memory; other subscriptions are unaffected.
 */
final class WebSocketConnection {

    private static final JsonProvider JSON = Jsonp.PROVIDER;

    private static final Logger LOG = Logger.getLogger(WebSocketConnection.class);

    private final ServerWebSocket socket;
    // The client's address as the upgrade request had it (a trusted proxy's forwarding applied).
    private final SocketAddress remote;
    private final Context context;
    private final boolean legacy;
    private final SubscriptionSupport support;
    private final Map<String, Operation> operations = new HashMap<>();
    /**
     * Executions still running for operations that ended without them (answered TIMEOUT, or completed by the client):
     * they count against the per-connection limit, so that a client cannot pile up work by abandoning it.
     */
    private int abandoned;
    private SecurityIdentity identity;
    private boolean initialised;
    private long initTimer;
    private long expiryTimer = -1;
    private final Runnable requestDone;

    WebSocketConnection(ServerWebSocket socket, SocketAddress remote, Context context, SecurityIdentity upgradeIdentity,
            SubscriptionSupport support, Runnable requestDone) {
        this.socket = socket;
        this.remote = remote;
        this.requestDone = requestDone;
        this.context = context;
        this.legacy = "graphql-ws".equals(socket.subProtocol());
        this.support = support;
        this.identity = upgradeIdentity;
        this.initTimer = context.owner().setTimer(support.initTimeout().toMillis(), id -> {
            if (!initialised) {
                close(4408, "Connection initialisation timeout");
            }
        });
        socket.textMessageHandler(this::onText);
        socket.closeHandler(closed -> onClose());
        socket.drainHandler(drained -> operations.values().forEach(Operation::drain));
    }

    private void onText(String text) {
        JsonObject message;
        try {
            message = Jsonp.read(text) instanceof JsonObject object ? object : null;
        } catch (Jsonp.InvalidJson e) {
            message = null;
        }
        if (message == null) {
            close(4400, "Invalid message");
            return;
        }
        String type = message.get("type") instanceof JsonString value ? value.getString() : "";
        switch (type) {
            case "connection_init" -> onInit(message);
            case "ping" -> send(JSON.createObjectBuilder().add("type", "pong"));
            case "pong", "ka" -> {
            }
            case "subscribe", "start" -> onSubscribe(message);
            case "complete", "stop" -> onComplete(message);
            case "connection_terminate" -> close(1000, "Normal closure");
            default -> close(4400, "Unknown message type");
        }
    }

    /**
     * The token may come in the {@code connection_init} payload ({@code Authorization}, {@code authorization} or
     * {@code token}) or in the upgrade request's Authorization header; an invalid one closes the connection with
     * 4403. Without any, the connection is accepted and every operation on it is anonymous.
     */
    private void onInit(JsonObject message) {
        if (initialised) {
            close(4429, "Too many initialisation requests");
            return;
        }
        String token = tokenOf(message.get("payload"));
        if (token != null) {
            try {
                identity = support.tokens().authenticate(token);
            } catch (AuthenticationFailedException e) {
                if (legacy) {
                    send(JSON.createObjectBuilder().add("type", "connection_error")
                            .add("payload", JSON.createObjectBuilder().add("message", "Forbidden: invalid token")));
                }
                close(4403, "Forbidden: invalid token");
                return;
            }
        }
        initialised = true;
        context.owner().cancelTimer(initTimer);
        scheduleExpiry();
        send(JSON.createObjectBuilder().add("type", "connection_ack"));
    }

    /** A token that expires ends the connection's operations with UNAUTHENTICATED, then the connection (4401). */
    private void scheduleExpiry() {
        Object expiresAt = identity.getAttribute(TokenAuthenticator.EXPIRES_AT);
        if (expiresAt instanceof Long seconds) {
            long delay = Math.max(1, seconds * 1000 - System.currentTimeMillis());
            expiryTimer = context.owner().setTimer(delay, id -> {
                for (String operationId : List.copyOf(operations.keySet())) {
                    sendErrors(operationId, List.of(ErrorTranslator.error(ErrorCode.UNAUTHENTICATED,
                            "The token has expired", Map.of())));
                }
                close(4401, "Unauthorized: token expired");
            });
        }
    }

    private void onSubscribe(JsonObject message) {
        if (!initialised) {
            close(4401, "Unauthorized");
            return;
        }
        String id = message.get("id") instanceof JsonString value ? value.getString() : null;
        JsonObject payload = message.get("payload") instanceof JsonObject value ? value : null;
        if (id == null || id.isEmpty() || payload == null || !(payload.get("query") instanceof JsonString)) {
            close(4400, "Invalid subscribe message");
            return;
        }
        if (operations.containsKey(id)) {
            close(4409, "Subscriber for " + id + " already exists");
            return;
        }
        long started = System.nanoTime();
        // Each operation counts against its client's rate, as an HTTP request does; events pushed later do not.
        long wait = support.acquire(identity, remote);
        if (wait > 0) {
            endWith(id, started, null, List.of(RateLimiter.refusal(wait)));
            return;
        }
        if (operations.size() + abandoned >= support.maxPerConnection()) {
            endWith(id, started, null, List.of(ErrorTranslator.error(ErrorCode.BAD_USER_INPUT, "At most "
                    + support.maxPerConnection() + " operations may run on one connection",
                    Map.of("limit", "maxSubscriptionsPerConnection"))));
            return;
        }
        SubscriptionRequest request;
        try {
            request = support.parse(payload, identity);
        } catch (SubscriptionRequest.Rejected rejected) {
            endWith(id, started, null, rejected.errors());
            return;
        }
        Operation operation = new Operation(id, request, started);
        operations.put(id, operation);
        operation.start(payload);
    }

    /** Errors that end an operation (it gets no result), counted in the operation metrics like every operation. */
    private void endWith(String id, long started, SubscriptionRequest request, List<GraphQLError> errors) {
        record(started, request, errors);
        sendErrors(id, errors);
    }

    private static void record(long started, SubscriptionRequest request, List<GraphQLError> errors) {
        OperationMetrics.record("websocket", started, request == null ? null : request.type(),
                request == null ? null : request.rootField(), OperationMetrics.outcome(errors));
    }

    private void onComplete(JsonObject message) {
        if (message.get("id") instanceof JsonString id) {
            Operation operation = operations.remove(id.getString());
            if (operation != null) {
                operation.stop();
            }
        }
    }

    private void onClose() {
        context.owner().cancelTimer(initTimer);
        if (expiryTimer != -1) {
            context.owner().cancelTimer(expiryTimer);
        }
        operations.values().forEach(Operation::stop);
        operations.clear();
        support.connectionClosed(this);
        requestDone.run();
    }

    /** Server shutdown: completes every operation, then closes with 1001; {@code done} runs once the socket is closed. */
    void goAway(Runnable done) {
        context.runOnContext(ignored -> {
            if (socket.isClosed()) {
                done.run();
                return;
            }
            for (String id : List.copyOf(operations.keySet())) {
                operations.remove(id).stop();
                sendComplete(id);
            }
            socket.close((short) 1001, "Server shutting down").onComplete(closed -> done.run());
        });
    }

    /** One operation on the connection: a query or mutation (one result), or a subscription (a result per event). */
    private final class Operation {
        private final String id;
        private final SubscriptionRequest request;
        private final long started;
        private final ArrayDeque<DomainEvent> pending = new ArrayDeque<>();
        private AutoCloseable registration;
        private long timer = -1;
        /** The query or mutation, or an event's render, is running; counted in {@code abandoned} once stopped. */
        private boolean executing;
        private boolean stopped;

        Operation(String id, SubscriptionRequest request, long started) {
            this.id = id;
            this.request = request;
            this.started = started;
        }

        /**
         * A query or mutation runs once, within {@code app.limits.execution-timeout} as over HTTP: past it the client
         * gets TIMEOUT at once and the execution is abandoned (what it changed may still commit). A subscription is
         * checked here (role, arguments) and then listens; its {@code @Subscription} method is not called, because
         * SmallRye reports a refused call only inside the stream it returns, not when it is called.
         */
        void start(JsonObject payload) {
            if (request.field() == null) {
                timer = context.owner().setTimer(support.executionTimeout().toMillis(), fired -> {
                    if (!stopped) {
                        operations.remove(id);
                        stop();
                        endWith(id, started, request, List.of(ErrorTranslator.abandoned()));
                    }
                });
                executing = true;
                support.executor().execute(payload, identity, address(), result -> context.runOnContext(ignored -> {
                    if (executionEnded()) {
                        context.owner().cancelTimer(timer);
                        record(started, request, result.getErrors());
                        sendNext(id, result);
                        sendComplete(id);
                        operations.remove(id);
                    }
                }));
                return;
            }
            GraphQLError refused = authorise();
            if (refused != null) {
                endWith(id, started, request, List.of(refused));
                operations.remove(id);
                return;
            }
            Predicate<DomainEvent> filter;
            try {
                filter = request.field().field().filter().apply(request.arguments());
            } catch (ApiException e) {
                endWith(id, started, request, List.of(ErrorTranslator.fieldError(e.code(), e.getMessage(),
                        request.location(), request.responseKey())));
                operations.remove(id);
                return;
            }
            registration = support.listener().subscribe(filter, event -> context.runOnContext(ignored -> enqueue(event)));
            support.subscriptionStarted();
            record(started, request, List.of());
        }

        private GraphQLError authorise() {
            ErrorCode refusal = request.field().refusal(identity);
            return refusal == null ? null
                    : ErrorTranslator.fieldError(refusal, refusal.refusalMessage(),
                            request.location(), request.responseKey());
        }

        private void enqueue(DomainEvent event) {
            if (stopped) {
                return;
            }
            if (pending.size() >= support.bufferSize()) {
                sendErrors(id, List.of(ErrorTranslator.error(ErrorCode.SLOW_SUBSCRIBER, "The client did not read events "
                        + "fast enough; the subscription was ended", Map.of("limit", "bufferSize"))));
                operations.remove(id);
                stop();
                return;
            }
            pending.add(event);
            drain();
        }

        void drain() {
            if (stopped || executing || pending.isEmpty() || socket.writeQueueFull()) {
                return;
            }
            executing = true;
            DomainEvent event = pending.poll();
            Map<String, Object> variables = new LinkedHashMap<>(request.variables());
            variables.put(SubscriptionRequest.EVENT_ID, GlobalId.encode(request.field().nodeType(), event.id()));
            JsonObjectBuilder render = JSON.createObjectBuilder().add("query", request.renderQuery())
                    .add("variables", JSON.createObjectBuilder(variables));
            if (request.operationName() != null) {
                render.add("operationName", request.operationName());
            }
            support.executor().execute(render.build(), identity, address(), result -> context.runOnContext(ignored -> {
                if (!executionEnded()) {
                    return;
                }
                // The object may be gone by the time its event is rendered (deleted meanwhile): nothing to push.
                Object data = result.getData();
                boolean gone = result.getErrors().isEmpty() && data instanceof Map<?, ?> map
                        && map.get(request.responseKey()) == null;
                if (!gone) {
                    sendNext(id, result);
                }
                drain();
            }));
        }

        /** Whether the operation still waits for the execution that just ended; if not, it no longer counts. */
        private boolean executionEnded() {
            executing = false;
            if (stopped) {
                abandoned--;
            }
            return !stopped;
        }

        void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            if (executing) {
                abandoned++;
            }
            if (timer != -1) {
                context.owner().cancelTimer(timer);
            }
            pending.clear();
            if (registration != null) {
                support.subscriptionEnded();
                try {
                    registration.close();
                } catch (Exception e) {
                    LOG.debug("Closing a subscription registration failed", e);
                }
            }
        }
    }

    private String address() {
        return remote == null ? null : remote.hostAddress();
    }

    private void sendNext(String id, ExecutionResult result) {
        JsonObject payload = new ExecutionResponse(result).getExecutionResultAsJsonObject();
        send(JSON.createObjectBuilder().add("type", legacy ? "data" : "next").add("id", id).add("payload", payload));
    }

    private void sendComplete(String id) {
        send(JSON.createObjectBuilder().add("type", "complete").add("id", id));
    }

    /**
     * Errors that end an operation. graphql-transport-ws has an {@code error} message for them; the legacy protocol
     * gets them as a {@code data} message with errors, then {@code complete}, as its clients expect.
     */
    private void sendErrors(String id, List<GraphQLError> errors) {
        if (legacy) {
            sendNext(id, ExecutionResultImpl.newExecutionResult().errors(errors).build());
            sendComplete(id);
            return;
        }
        JsonObject response = new ExecutionResponse(ExecutionResultImpl.newExecutionResult().errors(errors).build())
                .getExecutionResultAsJsonObject();
        JsonArrayBuilder list = JSON.createArrayBuilder(response.getJsonArray("errors"));
        send(JSON.createObjectBuilder().add("type", "error").add("id", id).add("payload", list));
    }

    private void send(JsonObjectBuilder message) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(message.build().toString());
        }
    }

    private void close(int code, String reason) {
        if (!socket.isClosed()) {
            socket.close((short) code, reason);
        }
    }

    private static String tokenOf(JsonValue payload) {
        if (payload instanceof JsonObject object) {
            for (String key : List.of("Authorization", "authorization", "token")) {
                if (object.get(key) instanceof JsonString value && !value.getString().isBlank()) {
                    return value.getString();
                }
            }
        }
        return null;
    }
}

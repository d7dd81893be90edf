package io.graphqlusers.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A real WebSocket client for the GraphQL endpoint: connects with a subprotocol, sends JSON messages, and waits (with a
 * timeout, never a sleep) for the next message or the close code.
 */
public final class WsClient implements AutoCloseable {

    private static final Vertx VERTX = Vertx.vertx();

    private final WebSocket socket;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();

    private WsClient(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> received.add(new JsonObject(text)));
        socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode()));
    }

    /** Connects to /graphql with the given subprotocol and, when not null, an Authorization header. */
    public static WsClient connect(String subprotocol, String bearerToken) {
        return connect(subprotocol, bearerToken, Map.of());
    }

    /** As {@link #connect(String, String)}, with more headers on the upgrade request. */
    public static WsClient connect(String subprotocol, String bearerToken, Map<String, String> headers) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port)
                .setURI("/graphql").setSubProtocols(List.of(subprotocol));
        if (bearerToken != null) {
            options.addHeader("Authorization", "Bearer " + bearerToken);
        }
        headers.forEach(options::addHeader);
        try {
            WebSocket socket = VERTX.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            return new WsClient(socket);
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket connection failed", e);
        }
    }

    /** The server's refusal of the upgrade behind a failed {@link #connect}; any other failure is rethrown. */
    public static UpgradeRejectedException refusal(IllegalStateException failed) {
        if (failed.getCause() instanceof ExecutionException e && e.getCause() instanceof UpgradeRejectedException r) {
            return r;
        }
        throw failed;
    }

    /** Connects with graphql-transport-ws, sends connection_init with the token in its payload, awaits the ack. */
    public static WsClient initialised(String token) {
        WsClient client = connect("graphql-transport-ws", null);
        client.send(init(token));
        JsonObject ack = client.next();
        if (!"connection_ack".equals(ack.getString("type"))) {
            throw new AssertionError("expected connection_ack, got " + ack);
        }
        return client;
    }

    public static JsonObject init(String token) {
        JsonObject message = new JsonObject().put("type", "connection_init");
        if (token != null) {
            message.put("payload", new JsonObject().put("Authorization", "Bearer " + token));
        }
        return message;
    }

    public static JsonObject subscribe(String id, String query, Map<String, Object> variables) {
        return new JsonObject().put("type", "subscribe").put("id", id)
                .put("payload", new JsonObject().put("query", query).put("variables", new JsonObject(variables)));
    }

    /** Stops reading from the socket, as a stalled client would; the server's writes back up. */
    public void pause() {
        socket.pause();
    }

    public void resume() {
        socket.resume();
    }

    public void send(JsonObject message) {
        socket.writeTextMessage(message.encode());
    }

    /** The next message, failing after 10 seconds. */
    public JsonObject next() {
        return next(Duration.ofSeconds(10));
    }

    public JsonObject next(Duration timeout) {
        try {
            JsonObject message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + timeout);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Null when no message arrives within {@code timeout}. */
    public JsonObject poll(Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The close code the server sent, waiting up to {@code timeout}. */
    public short closeCode(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("not closed within " + timeout, e);
        }
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}

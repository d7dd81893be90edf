package io.graphqlusers.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;

/**
 * {@code app.subscriptions.max-connections}: a replica holding its limit of WebSockets refuses further upgrades with
 * 503 and {@code SERVICE_UNAVAILABLE} (another replica, or this one later, may take them), keeps serving the open
 * ones, and takes a new connection once one closes.
 */
@QuarkusTest
@TestProfile(WebSocketConnectionLimitTest.TwoConnections.class)
class WebSocketConnectionLimitTest {

    @Test
    void upgradesPastTheReplicasLimitAreRefusedUntilAConnectionCloses() {
        try (WsClient first = WsClient.initialised(null)) {
            try (WsClient second = WsClient.initialised(TestTokens.admin())) {
                // Two refusals: had each kept a place, one close would not make room below.
                for (int attempt = 0; attempt < 2; attempt++) {
                    UpgradeRejectedException refused = refusal();
                    assertEquals(503, refused.getStatus());
                    assertEquals("application/json", refused.getHeaders().get("Content-Type"));
                    assertEquals(new JsonObject().put("message", "Too many WebSocket connections").put("extensions",
                            new JsonObject().put("code", "SERVICE_UNAVAILABLE").put("limit", "maxConnections")),
                            new JsonObject(refused.getBody()).getJsonArray("errors").getJsonObject(0));
                }
                for (WsClient open : List.of(first, second)) {
                    open.send(WsClient.subscribe("q", "{ __typename }", Map.of()));
                    assertEquals(new JsonObject().put("type", "next").put("id", "q").put("payload",
                            new JsonObject().put("data", new JsonObject().put("__typename", "Query"))), open.next());
                    assertEquals(new JsonObject().put("type", "complete").put("id", "q"), open.next());
                }
            }
            try (WsClient third = connectWithin(Duration.ofSeconds(5))) {
                third.send(WsClient.init(null));
                assertEquals("connection_ack", third.next().getString("type"));
            }
        }
    }

    private static UpgradeRejectedException refusal() {
        return WsClient.refusal(assertThrows(IllegalStateException.class,
                () -> WsClient.connect("graphql-transport-ws", null).close()));
    }

    /** The server learns of a client's close asynchronously: its place is free again shortly after, not at once. */
    private static WsClient connectWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return WsClient.connect("graphql-transport-ws", null);
            } catch (IllegalStateException e) {
                UpgradeRejectedException refused = WsClient.refusal(e);
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no place freed within " + timeout + ": " + refused.getBody(), e);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.subscriptions.max-connections", "2");
        }
    }
}

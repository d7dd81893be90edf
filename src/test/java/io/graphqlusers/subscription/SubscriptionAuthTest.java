package io.graphqlusers.subscription;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Posts;
import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.graphqlusers.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Who may subscribe, with the token in connection_init or in the upgrade request, and what happens at expiry. */
@QuarkusTest
class SubscriptionAuthTest {

    private static final String POSTS = "subscription { postCreated { title } }";
    private static final String USERS = "subscription { userCreated { name email role } }";

    @Test
    void withoutTokenSubscriptionsAreUnauthenticated() {
        try (WsClient ws = WsClient.initialised(null)) {
            ws.send(WsClient.subscribe("1", POSTS, Map.of()));
            assertEquals(error("1", "Authentication required", "UNAUTHENTICATED", "postCreated"), ws.next());
        }
    }

    @Test
    void invalidTokenInConnectionInitClosesWith4403() {
        try (WsClient ws = WsClient.connect("graphql-transport-ws", null)) {
            ws.send(WsClient.init(TestTokens.expired(Users.aUser().create().id(), "x@example.com", "USER")));
            assertEquals(4403, ws.closeCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void tokenInTheUpgradeRequestAuthenticates() {
        CreatedUser author = Users.aUser().create();
        try (WsClient ws = WsClient.connect("graphql-transport-ws", TestTokens.admin())) {
            ws.send(WsClient.init(null));
            assertEquals("connection_ack", ws.next().getString("type"));
            ws.send(WsClient.subscribe("h", "subscription($a: ID) { postCreated(authorId: $a) { title } }",
                    vars("a", author.id())));
            Posts.create(author.login(), "Via header");
            assertEquals("Via header", ws.next().getJsonObject("payload").getJsonObject("data")
                    .getJsonObject("postCreated").getString("title"));
        }
    }

    @Test
    void userCreatedIsForAdminsOnly() {
        CreatedUser user = Users.aUser().create();
        try (WsClient ws = WsClient.initialised(TestTokens.valid(user.id(), user.email(), "USER"))) {
            ws.send(WsClient.subscribe("u", USERS, Map.of()));
            assertEquals(error("u", "Not allowed", "FORBIDDEN", "userCreated"), ws.next());
        }
    }

    @Test
    void adminSeesNewUsersWithTheirEmail() {
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("a", USERS, Map.of()));
            CreatedUser created = Users.aUser().withName("Newly Created").create();
            JsonObject user = ws.next().getJsonObject("payload").getJsonObject("data").getJsonObject("userCreated");
            // Other tests may create users meanwhile: read until ours arrives.
            while (!"Newly Created".equals(user.getString("name"))) {
                user = ws.next().getJsonObject("payload").getJsonObject("data").getJsonObject("userCreated");
            }
            assertEquals(new JsonObject().put("name", "Newly Created").put("email", created.email()).put("role", "USER"),
                    user);
        }
    }

    @Test
    void fieldRulesApplyToPushedData() {
        CreatedUser author = Users.aUser().create();
        CreatedUser reader = Users.aUser().create();
        try (WsClient ws = WsClient.initialised(TestTokens.valid(reader.id(), reader.email(), "USER"))) {
            ws.send(WsClient.subscribe("e", "subscription($a: ID) { postCreated(authorId: $a) { author { email } } }",
                    vars("a", author.id())));
            Posts.create(author.login(), "Whose email");
            assertEquals(new JsonObject().put("postCreated", new JsonObject().put("author",
                    new JsonObject().putNull("email"))), ws.next().getJsonObject("payload").getJsonObject("data"));
        }
    }

    @Test
    void expiringTokenEndsTheSubscriptionsAndTheConnection() {
        CreatedUser user = Users.aUser().create();
        try (WsClient ws = WsClient.initialised(TestTokens.expiringIn(user.id(), user.email(), "USER", 2))) {
            ws.send(WsClient.subscribe("x", POSTS, Map.of()));
            JsonObject ended = ws.next(Duration.ofSeconds(6));
            assertEquals(new JsonObject().put("type", "error").put("id", "x").put("payload", new JsonArray().add(
                    new JsonObject().put("message", "The token has expired")
                            .put("extensions", new JsonObject().put("code", "UNAUTHENTICATED")))),
                    ended);
            assertEquals(4401, ws.closeCode(Duration.ofSeconds(5)));
        }
    }

    private static JsonObject error(String id, String message, String code, String field) {
        return new JsonObject().put("type", "error").put("id", id).put("payload", new JsonArray().add(new JsonObject()
                .put("message", message)
                .put("locations", new JsonArray().add(new JsonObject().put("line", 1).put("column", 16)))
                .put("path", new JsonArray().add(field))
                .put("extensions", new JsonObject().put("code", code))));
    }
}

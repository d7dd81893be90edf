package io.graphqlusers.auth;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.graphqlusers.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;

/**
 * Credential attempts have budgets of their own, beside the general rate limit: here 4 per minute per address and 2
 * per account, one token back every 15 s and 30 s, longer than any of these tests takes. Each test sends its attempts
 * from an address of its own: 127.0.0.1, or one that the test's own address, a trusted proxy here, forwards.
 */
@QuarkusTest
@TestProfile(CredentialLimitTest.SmallBudgets.class)
class CredentialLimitTest {

    private static final String LOGIN = "mutation($input: LoginInput!) { login(input: $input) { token } }";
    private static final String SIGN_UP = "mutation($input: SignUpInput!) { signUp(input: $input) { user { email } } }";
    private static final String UPDATE = "mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { name } } }";

    /** Logins and sign-ups over HTTP and WebSocket take from one budget per address; reads do not. */
    @Test
    void attemptsPastTheAddressesBudgetAreRefused() {
        GraphQLClient anonymous = GraphQLClient.anonymous();
        expectLogin(null, "UNAUTHENTICATED");
        expectLogin(null, "UNAUTHENTICATED");
        anonymous.execute(SIGN_UP, vars("input", Map.of("name", "New", "email", Users.unique("new") + "@example.com",
                "password", Users.PASSWORD)))
                .body("errors", nullValue());
        try (WsClient ws = WsClient.initialised(null)) {
            assertEquals("UNAUTHENTICATED", wsLogin(ws, "c", Users.unique("c") + "@example.com"));
            assertEquals("RATE_LIMITED", wsLogin(ws, "d", Users.unique("d") + "@example.com"));
        }
        login(null, Users.unique("e") + "@example.com")
                .body("data", nullValue())
                .body("errors[0].message", matchesPattern("Too many sign-in attempts; retry after [1-9][0-9]? s"))
                .body("errors[0].extensions.code", equalTo("RATE_LIMITED"))
                .body("errors[0].extensions.retryAfter", both(greaterThan(0)).and(lessThanOrEqualTo(15)));
        anonymous.execute("{ __typename }").body("data.__typename", equalTo("Query"));
    }

    /**
     * One account's budget holds from any address and for any spelling of its email. Behind a trusted proxy the
     * client's address comes from X-Forwarded-For, so clients behind one ingress do not share one budget.
     */
    @Test
    void attemptsPastTheAccountsBudgetAreRefusedAndForwardedAddressesCountApart() {
        String target = Users.unique("target") + "@example.com";
        login("198.51.100.7", target).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        login("198.51.100.8", "  " + target.toUpperCase() + " ").body("errors[0].extensions.code",
                equalTo("UNAUTHENTICATED"));
        login("198.51.100.7", target)
                .body("errors[0].extensions.code", equalTo("RATE_LIMITED"))
                .body("errors[0].extensions.retryAfter", both(greaterThan(15)).and(lessThanOrEqualTo(30)));
        // 198.51.100.7 has made two attempts (the refused one counts): two more, then its own budget is spent.
        expectLogin("198.51.100.7", "UNAUTHENTICATED");
        expectLogin("198.51.100.7", "UNAUTHENTICATED");
        expectLogin("198.51.100.7", "RATE_LIMITED");
        expectLogin("198.51.100.8", "UNAUTHENTICATED");
    }

    /**
     * Operations on a WebSocket count for the address its upgrade request came from, a forwarded one included, and
     * share that address's budget with HTTP.
     */
    @Test
    void webSocketAttemptsCountForTheForwardedAddress() {
        try (WsClient ws = WsClient.connect("graphql-transport-ws", null, Map.of("X-Forwarded-For", "198.51.100.10"))) {
            ws.send(WsClient.init(null));
            assertEquals("connection_ack", ws.next().getString("type"));
            for (int i = 0; i < 4; i++) {
                assertEquals("UNAUTHENTICATED", wsLogin(ws, "w" + i, Users.unique("w") + "@example.com"));
            }
            assertEquals("RATE_LIMITED", wsLogin(ws, "over", Users.unique("w") + "@example.com"));
        }
        expectLogin("198.51.100.10", "RATE_LIMITED");
        expectLogin("198.51.100.11", "UNAUTHENTICATED");
    }

    /** Changing a password checks the current one: an attempt on that account; other changes are not. */
    @Test
    void passwordChangesTakeFromTheAccountsBudget() {
        CreatedUser user = Users.aUser().create();
        Map<String, Object> wrong = Map.of("id", user.id(), "password", "a new password", "currentPassword",
                "not the password");
        update(user, wrong).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        update(user, wrong).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        update(user, wrong).body("errors[0].extensions.code", equalTo("RATE_LIMITED"));
        update(user, Map.of("id", user.id(), "name", "Renamed")).body("errors", nullValue())
                .body("data.updateUser.user.name", equalTo("Renamed"));
    }

    private static ValidatableResponse update(CreatedUser user, Map<String, Object> input) {
        // A minted token: a login from 127.0.0.1 would take from the first test's budget.
        return post(user.withMintedToken(), "198.51.100.9", UPDATE, input);
    }

    /** A wrong login with an email of its own, from {@code forwardedFor} (null: 127.0.0.1), answered with code. */
    private static void expectLogin(String forwardedFor, String code) {
        login(forwardedFor, Users.unique("login") + "@example.com").body("errors[0].extensions.code", equalTo(code));
    }

    /** A wrong login, from 127.0.0.1 itself ({@code forwardedFor} null) or forwarded for that address. */
    private static ValidatableResponse login(String forwardedFor, String email) {
        return post(GraphQLClient.anonymous(), forwardedFor, LOGIN, Map.of("email", email, "password",
                "not the password"));
    }

    private static ValidatableResponse post(GraphQLClient client, String forwardedFor, String document,
            Map<String, Object> input) {
        var request = client.request().contentType(ContentType.JSON);
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.body(GraphQLClient.body(document, vars("input", input))).post("/graphql").then().statusCode(200);
    }

    private static String wsLogin(WsClient ws, String id, String email) {
        ws.send(WsClient.subscribe(id, LOGIN, Map.of("input", Map.of("email", email, "password", "not the password"))));
        JsonObject next = ws.next();
        assertEquals("next", next.getString("type"), next.encode());
        assertEquals("complete", ws.next().getString("type"));
        return next.getJsonObject("payload").getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
                .getString("code");
    }

    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.rate-limit.credentials.per-address-per-minute", "4",
                    "app.rate-limit.credentials.per-account-per-minute", "2",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }
}

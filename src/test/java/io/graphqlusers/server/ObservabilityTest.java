package io.graphqlusers.server;

import static io.graphqlusers.support.GraphQLClient.vars;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Request ids, readiness, metrics, and what must never reach a log. */
@QuarkusTest
class ObservabilityTest {

    @Test
    void everyResponseCarriesARequestId() {
        GraphQLClient.anonymous().request().header("X-Request-Id", "client-chosen-id-1234").contentType(ContentType.JSON)
                .body(GraphQLClient.body("{ __typename }", Map.of())).post("/graphql").then()
                .header("X-Request-Id", "client-chosen-id-1234");
        GraphQLClient.anonymous().request().header("X-Request-Id", "bad id with spaces").contentType(ContentType.JSON)
                .body(GraphQLClient.body("{ __typename }", Map.of())).post("/graphql").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void readinessCoversDatabaseEventsAndRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("event-listener"))
                .body("checks.find { it.name == 'redis' }.data.configured", equalTo(false))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountOperationsByTransportFieldAndOutcome() {
        GraphQLClient admin = GraphQLClient.admin();
        admin.execute("{ users(first: 1) { totalCount } }");
        admin.execute("{ users(first: 1000) { totalCount } }");
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("q", "{ me { id } }", Map.of()));
            assertEquals("next", ws.next().getString("type"));
            ws.send(WsClient.subscribe("s", "subscription { postCreated { title } }", Map.of()));
            ws.send(WsClient.subscribe("bad", "{ nope }", Map.of()));
            assertEquals("complete", ws.next().getString("type"));
            assertEquals("bad", ws.next().getString("id"));
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics, containsString("graphql_users_operations_seconds_count{field=\"users\",outcome=\"OK\","
                + "transport=\"http\",type=\"query\"}"));
        assertThat(metrics, containsString("graphql_users_operations_seconds_count{field=\"users\","
                + "outcome=\"BAD_USER_INPUT\",transport=\"http\",type=\"query\"}"));
        assertThat(metrics, containsString("graphql_users_operations_seconds_count{field=\"me\",outcome=\"OK\","
                + "transport=\"websocket\",type=\"query\"}"));
        assertThat(metrics, containsString("graphql_users_operations_seconds_count{field=\"postCreated\","
                + "outcome=\"OK\",transport=\"websocket\",type=\"subscription\"}"));
        assertThat(metrics, containsString("graphql_users_operations_seconds_count{field=\"none\","
                + "outcome=\"GRAPHQL_VALIDATION_FAILED\",transport=\"websocket\",type=\"none\"}"));
        assertThat(metrics, containsString("graphql_users_operations_seconds_bucket{"));
        assertThat(metrics, containsString("graphql_users_websocket_connections"));
        assertThat(metrics, containsString("graphql_users_cache_gets_total{cache=\"users\""));
        assertThat(metrics, containsString("agroal_active_count"));
        assertThat(metrics, containsString("jvm_memory_used_bytes"));
        assertThat(metrics, containsString("http_server_requests_seconds_count"));
    }

    @Test
    void passwordsNeverReachTheLog() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage() + " " + (record.getThrown() == null ? "" : record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String secret = "Sekrit-" + Users.unique("pw");
            String email = Users.unique("logcheck") + "@example.com";
            GraphQLClient anonymous = GraphQLClient.anonymous();
            anonymous.execute("mutation($i: SignUpInput!) { signUp(input: $i) { token } }",
                    vars("i", Map.of("name", "Log Check", "email", email, "password", secret)));
            anonymous.execute("mutation($i: SignUpInput!) { signUp(input: $i) { token } }",
                    vars("i", Map.of("name", "Log Check", "email", email, "password", secret)));
            anonymous.execute("mutation($i: LoginInput!) { login(input: $i) { token } }",
                    vars("i", Map.of("email", email, "password", secret + "-wrong")));
            anonymous.execute("mutation($i: SignUpInput!) { signUp(input: $i) { token } }",
                    vars("i", Map.of("name", "", "email", "bad", "password", "short")));
            for (String line : lines) {
                assertThat(line, not(containsString(secret)));
                assertThat(line, not(containsString("$2a$")));
            }
        } finally {
            root.removeHandler(capture);
        }
    }
}

package io.graphqlusers.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.OtlpCollector;
import io.graphqlusers.support.OtlpCollector.Span;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * With tracing turned on and a collector configured, one GraphQL request is exported as a trace that continues the
 * caller's (W3C traceparent) and holds the HTTP request, the GraphQL operation and its SQL statement.
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {

    @Test
    void aRequestIsExportedAsHttpGraphQLAndSqlSpansOfTheCallersTrace() throws InterruptedException {
        Users.aUser().withName("Traced").create();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        GraphQLClient.admin().request().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON)
                .body(Map.of("query", "query CountTraced { users(filter: {nameContains: \"Traced\"}) { totalCount } }",
                        "operationName", "CountTraced"))
                .post("/graphql").then().statusCode(200).body("data.users.totalCount", equalTo(1));

        awaitSpans(traceId, Set.of("POST /graphql", "GraphQL:CountTraced", "SELECT postgres.users"));
    }

    @Test
    void aQueryOfTheDirectEngineHasItsGraphQLSpanToo() throws InterruptedException {
        String id = Users.aUser().withName("Traced directly").create().id();
        String traceId = "5cf92f3577b34da6a3ce929d0e0e4737";
        GraphQLClient.admin().request().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON)
                .body(Map.of("query", "query OneTraced($id: ID!) { user(id: $id) { name } }", "operationName", "OneTraced",
                        "variables", Map.of("id", id)))
                .post("/graphql").then().statusCode(200).body("data.user.name", equalTo("Traced directly"));
        awaitSpans(traceId, Set.of("POST /graphql", "GraphQL:OneTraced"));
    }

    private static void awaitSpans(String traceId, Set<String> expected) throws InterruptedException {
        Set<String> names = Set.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            names = OtlpCollector.spans(given().baseUri(collector()).get("/received").asByteArray()).stream()
                    .filter(span -> span.traceId().equals(traceId)).map(Span::name).collect(Collectors.toSet());
            if (names.containsAll(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("trace " + traceId + " should hold the spans " + expected + "; it holds " + names);
    }

    private static String collector() {
        return ConfigProvider.getConfig().getValue("quarkus.otel.exporter.otlp.traces.endpoint", String.class);
    }

    public static class Traced implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtlpCollector.class));
        }
    }
}

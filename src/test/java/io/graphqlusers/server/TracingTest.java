package io.graphqlusers.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void bothEnginesExportTheSameOperationSpanAndMetric() throws InterruptedException {
        String id = Users.aUser().withName("Traced twice").create().id();
        // The same operation, answered by the direct engine, then (with an introspection field) by SmallRye.
        String direct = "query Twice($id: ID!) { user(id: $id) { name } }";
        String smallrye = "query Twice($id: ID!) { user(id: $id) { name } __schema { description } }";
        List<Span> operations = new ArrayList<>();
        String traceId = "6df92f3577b34da6a3ce929d0e0e47";
        int n = 0;
        for (String document : List.of(direct, smallrye)) {
            String trace = traceId + "0" + n++;
            double before = operationCount();
            GraphQLClient.admin().request().header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                    .contentType(ContentType.JSON)
                    .body(Map.of("query", document, "operationName", "Twice", "variables", Map.of("id", id)))
                    .post("/graphql").then().statusCode(200).body("data.user.name", equalTo("Traced twice"));
            assertEquals(before + 1, operationCount(), document);
            operations.add(awaitSpans(trace, Set.of("POST /graphql", "GraphQL:Twice")).stream()
                    .filter(span -> span.name().equals("GraphQL:Twice")).findFirst().orElseThrow());
        }
        // Each engine numbers its executions its own way; everything else is the same.
        List<Map<String, String>> attributes = operations.stream().map(span -> {
            Map<String, String> kept = new TreeMap<>(span.attributes());
            assertNotNull(kept.remove("graphql.executionId"), span.toString());
            return kept;
        }).toList();
        assertEquals(Map.of("graphql.operationName", "Twice", "graphql.operationType", "QUERY"), attributes.get(1));
        assertEquals(attributes.get(1), attributes.get(0));
    }

    /** How often a query whose first root field is {@code user} was answered OK over HTTP. */
    private static double operationCount() {
        Matcher matcher = Pattern.compile("graphql_users_operations_seconds_count\\{field=\"user\",outcome=\"OK\","
                + "transport=\"http\",type=\"query\"[^}]*} ([0-9.E]+)")
                .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** @return the spans of the trace, once it holds these */
    private static List<Span> awaitSpans(String traceId, Set<String> expected) throws InterruptedException {
        Set<String> names = Set.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            List<Span> spans = OtlpCollector.spans(given().baseUri(collector()).get("/received").asByteArray())
                    .stream().filter(span -> span.traceId().equals(traceId)).toList();
            names = spans.stream().map(Span::name).collect(Collectors.toSet());
            if (names.containsAll(expected)) {
                return spans;
            }
            Thread.sleep(100);
        }
        return fail("trace " + traceId + " should hold the spans " + expected + "; it holds " + names);
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

package io.graphqlusers.server;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.json.Json;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Depth and cost limits (app.limits.max-depth=12, max-complexity=10000): the mitigation for GHSA-jfgf-vvcv-mf69,
 * which leaves SmallRye GraphQL 2.14.2 without a default depth limit.
 */
@QuarkusTest
class QueryLimitsTest {

    private final GraphQLClient client = GraphQLClient.admin();

    @Inject
    Database database;

    @Test
    void rejectsOverDeepQueryBeforeAnySql() {
        Users.aUser().create();
        // The users field would run SQL if executed.
        String deep = "{ users { nodes { id } } " + dataOfDepth(14) + " }";
        long before = database.statementCount();
        client.execute(deep)
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].message", equalTo("Query depth 14 exceeds the maximum of 12"))
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "limit", "maxDepth")));
        assertEquals(before, database.statementCount());
    }

    @Test
    void eachOperationOfADocumentKeepsItsOwnVerdictWhenRepeated() {
        // Without variables a verdict depends on the document and the operation alone, and is remembered per operation.
        String document = "query Deep { " + dataOfDepth(14) + " } query Shallow { " + dataOfDepth(5) + " }";
        for (int round = 0; round < 2; round++) {
            operation(document, "Deep")
                    .body("data", nullValue())
                    .body("errors[0].message", equalTo("Query depth 14 exceeds the maximum of 12"))
                    .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "limit", "maxDepth")));
            operation(document, "Shallow")
                    .body("errors", nullValue())
                    .body("data", hasKey("user"));
        }
    }

    @Test
    void verdictsFollowTheVariablesThatCanChangeThem() {
        // An ID cannot change depth or cost: the verdict is the document's, whatever the value. A Boolean can.
        String byId = "query($id: ID!) { probe: user(id: $id) { id } " + dataOfDepth(14) + " }";
        String conditional = "query($deep: Boolean!) { probe: user(id: \"VXNlcjox\") { id } " + dataOfDepth(14)
                .replaceFirst("\\) \\{", ") @include(if: \\$deep) {") + " }";
        for (boolean deep : new boolean[] { true, false, true }) {
            client.execute(byId, Map.of("id", deep ? "VXNlcjox" : "VXNlcjoy"))
                    .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "limit", "maxDepth")));
            if (deep) {
                client.execute(conditional, Map.of("deep", true))
                        .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "limit", "maxDepth")));
            } else {
                client.execute(conditional, Map.of("deep", false)).body("errors", nullValue());
            }
        }
    }

    @Test
    void acceptsQueryAtTheDepthLimit() {
        client.execute("{ " + dataOfDepth(12) + " " + introspectionOfDepth(15) + " }").body("errors", nullValue());
    }

    @Test
    void introspectionHasItsOwnDepthAllowanceAndNoMore() {
        // Its ofType chain is one object per level: the standard query reaches 15 (SchemaSnapshotTest sends it).
        client.execute("{ " + introspectionOfDepth(15) + " }").body("errors", nullValue());
        long before = database.statementCount();
        client.execute("{ users { nodes { id } } " + introspectionOfDepth(16) + " }")
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].message", equalTo("Introspection depth 16 exceeds the maximum of 15"))
                .body("errors[0].extensions",
                        equalTo(Map.of("code", "BAD_USER_INPUT", "limit", "maxIntrospectionDepth")));
        assertEquals(before, database.statementCount());
    }

    @Test
    void rejectsIntrospectionThatWalksTheSchemasCyclesBeforeAnySql() {
        // Shallow, but every type's fields' types' fields: the answer grows with the schema at each turn.
        String cycle = "__schema { types { fields { type { fields { name } } } } }";
        for (String document : List.of("{ users { nodes { id } } " + cycle + " }",
                "{ users { nodes { id } } ...Schema } fragment Schema on Query { " + cycle + " }")) {
            long before = database.statementCount();
            client.execute(document)
                    .body("data", nullValue())
                    .body("errors", hasSize(1))
                    .body("errors[0].message", equalTo("This request is not asking for introspection in good faith - "
                            + "__Type.fields is present too often!"))
                    .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "limit", "introspection")));
            assertEquals(before, database.statementCount(), document);
        }
    }

    @Test
    void rejectsCostlyQueryBeforeAnySql() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 15; i++) {
            query.append(" a").append(i).append(": users(first: 100) { nodes { id name email role createdAt updatedAt } }");
        }
        query.append(" }");
        long before = database.statementCount();
        client.execute(query.toString())
                .body("data", nullValue())
                .body("errors[0].message", equalTo("Query complexity 10515 exceeds the maximum of 10000"))
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "limit", "maxComplexity")));
        assertEquals(before, database.statementCount());
    }

    @Test
    void pageSizesFromVariablesCountTowardsTheCost() {
        String query = "query($n: Int) { a: users(first: $n) { nodes { id name email role createdAt updatedAt } } "
                + "b: users(first: $n) { nodes { id name email role createdAt updatedAt } } }";
        client.execute(query, Map.of("n", 100)).body("errors", nullValue());
        StringBuilder wide = new StringBuilder("query($n: Int) {");
        for (int i = 0; i < 15; i++) {
            wide.append(" a").append(i).append(": users(first: $n) { nodes { id name email role createdAt updatedAt } }");
        }
        wide.append(" }");
        client.execute(wide.toString(), Map.of("n", 100))
                .body("errors[0].extensions.limit", equalTo("maxComplexity"));
        client.execute(wide.toString(), Map.of("n", 5)).body("errors", nullValue());
    }

    private ValidatableResponse operation(String document, String operationName) {
        String body = Json.createObjectBuilder().add("query", document).add("operationName", operationName).build()
                .toString();
        return client.postRaw(body, "application/json").statusCode(200);
    }

    /**
     * {@code user(id:) { posts(first: 1) { nodes { author { posts(first: 1) ... { id } } } } } }, {@code depth} fields
     * deep (at least 2), each page of one, so that only the depth can be over a limit.
     */
    private static String dataOfDepth(int depth) {
        List<String> cycle = List.of("posts(first: 1)", "nodes", "author");
        StringBuilder query = new StringBuilder("user(id: \"VXNlcjox\") {");
        String last = "user";
        for (int level = 2; level < depth; level++) {
            last = cycle.get((level - 2) % cycle.size());
            query.append(' ').append(last).append(" {");
        }
        query.append(last.startsWith("posts") ? " totalCount" : " id").append(" }".repeat(depth - 1));
        return query.toString();
    }

    /** {@code __schema { types { fields { type { ofType ... { name } } } } } }}, {@code depth} fields deep. */
    private static String introspectionOfDepth(int depth) {
        StringBuilder query = new StringBuilder("__schema { types { fields { type {");
        for (int level = 5; level < depth; level++) {
            query.append(" ofType {");
        }
        query.append(" name").append(" }".repeat(depth - 1));
        return query.toString();
    }
}

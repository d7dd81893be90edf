package io.graphqlusers.server;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Every document limit besides depth and cost (QueryLimitsTest): each rejection names its limit, comes before any SQL
 * and fast. Defaults: 30 aliases, 30 directives, 20 root fields, 5000 tokens, 20000 characters, 64 KiB of variables,
 * 1 MiB bodies, no batches; at most 20 validation errors.
 */
@QuarkusTest
class AbuseLimitsTest {

    private final GraphQLClient client = GraphQLClient.admin();

    @Inject
    Database database;

    @Test
    void tooManyAliasesAreRejectedBeforeAnySql() {
        StringBuilder query = new StringBuilder("{ users(first: 1) {");
        for (int i = 0; i < 31; i++) {
            query.append(" n").append(i).append(": totalCount");
        }
        query.append(" } }");
        expectLimit(query.toString(), "maxAliases", "The document uses 31 aliases, more than the maximum of 30");
    }

    @Test
    void tooManyDirectivesAreRejectedBeforeValidation() {
        // Unknown directives: validated, each would be an error of its own.
        expectLimit("{ __typename" + " @nope".repeat(31) + " }", "maxDirectives",
                "The document uses 31 directives, more than the maximum of 30");
        StringBuilder thirty = new StringBuilder("{");
        for (int i = 0; i < 15; i++) {
            thirty.append(" t").append(i).append(": __typename @include(if: true) @skip(if: false)");
        }
        client.execute(thirty.append(" }").toString())
                .body("errors", nullValue())
                .body("data.t14", equalTo("Query"));
    }

    @Test
    void validationStopsAtTheMaximumNumberOfErrors() {
        client.execute(unknownFields(25))
                .body("data", nullValue())
                .body("errors", hasSize(20))
                .body("errors.extensions.code.unique()", equalTo(List.of("GRAPHQL_VALIDATION_FAILED")))
                .body("errors[18].message", equalTo("Validation error (FieldUndefined@[users/nodes/nope18]) : "
                        + "Field 'nope18' in type 'User' is undefined"))
                .body("errors[19].message",
                        equalTo("The maximum number of validation errors has been reached. (20)"));
        client.execute(unknownFields(19))
                .body("errors", hasSize(19))
                .body("errors[18].message", equalTo("Validation error (FieldUndefined@[users/nodes/nope18]) : "
                        + "Field 'nope18' in type 'User' is undefined"));
    }

    private static String unknownFields(int count) {
        StringBuilder query = new StringBuilder("{ users { nodes {");
        for (int i = 0; i < count; i++) {
            query.append(" nope").append(i);
        }
        return query.append(" } } }").toString();
    }

    @Test
    void tooManyRootFieldsAreRejected() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 21; i++) {
            query.append(" __typename");
        }
        query.append(" }");
        expectLimit(query.toString(), "maxRootFields", "The operation selects 21 root fields, more than the maximum of 20");
    }

    @Test
    void tooManyTokensAreRejected() {
        String query = "{ __typename " + "a ".repeat(5000) + "}";
        expectLimit(query, "maxTokens", "The document has more than the maximum of 5000 tokens");
    }

    @Test
    void overlongDocumentsAreRejected() {
        String query = "{ __typename }" + " ".repeat(20000);
        expectLimit(query, "maxQueryLength", "The document has 20014 characters, more than the maximum of 20000");
    }

    @Test
    void oversizedVariablesAreRejected() {
        client.execute("query($v: String) { __typename }", Map.of("v", "x".repeat(70000)))
                .body("data", nullValue())
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "limit", "maxVariablesSize")));
    }

    @Test
    void batchesAreRefused() {
        client.postRaw("[{\"query\":\"{ __typename }\"},{\"query\":\"{ __typename }\"}]", "application/json")
                .statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_REQUEST", "limit", "batching")));
    }

    @Test
    void oversizedBodiesGet413AsAGraphQLError() {
        client.postRaw("{\"query\":\"{ __typename }\",\"variables\":{\"v\":\"" + "x".repeat(1_100_000) + "\"}}",
                "application/json")
                .statusCode(413)
                .contentType(ContentType.JSON)
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_REQUEST", "limit", "maxBodySize")));
    }

    private void expectLimit(String query, String limit, String message) {
        long before = database.statementCount();
        ValidatableResponse response = client.execute(query)
                .time(lessThan(2000L))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].message", equalTo(message))
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "limit", limit)));
        assertEquals(before, database.statementCount(), "no SQL for a rejected document");
        response.extract();
    }
}

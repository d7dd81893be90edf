package io.graphqlusers.server;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The HTTP transport: media types, request shapes, and the error vocabulary for malformed requests. */
@QuarkusTest
class GraphQLHttpTest {

    private final GraphQLClient client = GraphQLClient.admin();

    @Test
    void syntaxErrorIsParseFailedWithLocation() {
        client.execute("{ users(first: 2 { nodes { id } } }")
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions", equalTo(Map.of("code", "GRAPHQL_PARSE_FAILED")))
                .body("errors[0].locations", equalTo(List.of(Map.of("line", 1, "column", 18))));
    }

    @Test
    void unknownFieldIsValidationFailed() {
        client.execute("{ users { nodes { password } } }")
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions", equalTo(Map.of("code", "GRAPHQL_VALIDATION_FAILED")))
                .body("errors[0].message", equalTo("Validation error (FieldUndefined@[users/nodes/password]) : "
                        + "Field 'password' in type 'User' is undefined"));
    }

    @Test
    void variableOfWrongTypeIsBadUserInput() {
        client.execute("query($n: Int) { users(first: $n) { nodes { id } } }", Map.of("n", "ten"))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].message", equalTo("`first` is not a valid Int"))
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "field", "first")));
        client.execute("query($n: Int!) { users(first: $n) { nodes { id } } }", Map.of())
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void unknownOperationNameIsValidationFailed() {
        client.request().contentType(ContentType.JSON)
                .body("{\"query\":\"query A { __typename }\",\"operationName\":\"B\"}").post("/graphql").then()
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
    }

    @Test
    void blockStringsKeepTheirLineBreaks() {
        client.execute("query { __type(name: \"User\") { name } }\n# a comment\n")
                .body("data.__type.name", equalTo("User"));
    }

    @Test
    void malformedBodiesAreBadRequests() {
        Map<String, String> bodies = Map.of(
                "{not json", "The request body is not valid JSON",
                "[]", "Batched requests (a JSON array) are not supported; send one operation per request",
                "42", "The request body must be a JSON object",
                "{}", "The request needs a `query` string",
                "{\"query\": 42}", "The request needs a `query` string",
                "{\"query\": \"{ __typename }\", \"variables\": [1]}", "`variables` must be a JSON object",
                "{\"query\": \"{ __typename }\", \"operationName\": 1}", "`operationName` must be a string");
        bodies.forEach((body, message) -> client.postRaw(body, "application/json")
                .statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].message", equalTo(message))
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST")));
    }

    @Test
    void deeplyNestedJsonIsABadRequest() {
        // The JSON parser refuses more than 1,000 levels; that is the client's fault, not a server error.
        String nested = "[".repeat(2_000) + "]".repeat(2_000);
        for (String body : List.of("{\"query\": \"{ __typename }\", \"variables\": {\"a\": " + nested + "}}",
                "{\"query\": \"{ __typename }\", \"extensions\": {\"a\": " + nested + "}}", nested)) {
            client.postRaw(body, "application/json")
                    .statusCode(400)
                    .body("errors", hasSize(1))
                    .body("errors[0].message", equalTo("The request body is not valid JSON"))
                    .body("errors[0].extensions", equalTo(Map.of("code", "BAD_REQUEST")));
        }
    }

    @Test
    void rejectsFormAndTextBodies() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
            client.postRaw("{\"query\":\"{ __typename }\"}", type)
                    .statusCode(415)
                    .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        }
    }

    @Test
    void acceptsJsonAsTheFirstOfRepeatedContentTypes() {
        // What the GraphiQL of /q/graphql-ui sends: its default header and GraphiQL's own, merged by the browser.
        for (String type : List.of("application/json, application/json", "Application/JSON ; charset=utf-8, text/plain")) {
            postWithContentType(type)
                    .statusCode(200)
                    .body("data.__typename", equalTo("Query"))
                    .body("errors", nullValue());
        }
        postWithContentType("text/plain, application/json")
                .statusCode(415)
                .body("errors[0].message", equalTo("Content-Type must be application/json"))
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
    }

    /** The header exactly as given (rest-assured encodes a String body only for content types it knows). */
    private ValidatableResponse postWithContentType(String type) {
        return client.request().contentType(type).body("{\"query\":\"{ __typename }\"}".getBytes(StandardCharsets.UTF_8))
                .post("/graphql").then();
    }

    @Test
    void graphqlResponseJsonAnswersRequestErrorsWith400() {
        client.request().accept("application/graphql-response+json").contentType(ContentType.JSON)
                .body(GraphQLClient.body("{ nope }", Map.of())).post("/graphql").then()
                .statusCode(400)
                .contentType(startsWith("application/graphql-response+json"))
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        client.request().accept("application/graphql-response+json").contentType(ContentType.JSON)
                .body(GraphQLClient.body("{ __typename }", Map.of())).post("/graphql").then()
                .statusCode(200)
                .contentType(startsWith("application/graphql-response+json"))
                .body("data.__typename", equalTo("Query"));
    }

    @Test
    void unacceptableAcceptHeaderIs406() {
        client.request().accept("text/html").contentType(ContentType.JSON)
                .body(GraphQLClient.body("{ __typename }", Map.of())).post("/graphql").then()
                .statusCode(406);
    }

    @Test
    void errorsCarryOnlyOurExtensionKeysAndNoJavaNames() {
        String body = client
                .execute(
                        "mutation { createUser(input: {name: \"\", email: \"x\", password: \"long enough\"}) { user { id } } }")
                .body("errors.collect { it.extensions.keySet() }.flatten().unique()", equalTo(List.of("code", "field")))
                .extract().asString();
        assertThat(body, not(containsString("java")));
        assertThat(body, not(containsString("Exception")));
        assertThat(body, not(containsString("classification")));
    }

    @Test
    void getRunsQueries() {
        client.request().queryParam("query", "query($n: Int) { users(first: $n) { nodes { id } } }")
                .queryParam("variables", "{\"n\": 1}").get("/graphql").then()
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.users.nodes.size()", Matchers.lessThanOrEqualTo(1));
    }

    @Test
    void getRefusesMutations() {
        client.request().queryParam("query", "mutation { deleteUser(input: {id: \"VXNlcjo5ODc2NTQzMjE\"}) { deletedId } }")
                .get("/graphql").then()
                .statusCode(405)
                .header("Allow", "POST")
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"))
                .body("errors[0].message", equalTo("Only queries may be sent with GET; use POST"));
    }
}

package io.graphqlusers.cache;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Automatic persisted queries (Apollo's protocol) over POST and GET, in process (no Redis configured). */
@QuarkusTest
class PersistedQueryTest {

    private final GraphQLClient client = GraphQLClient.admin();

    @Test
    void unknownHashIsPersistedQueryNotFound() {
        String query = "{ users(first: 1) { totalCount } } # " + Users.unique("apq-miss");
        hashOnly(sha256(query))
                .statusCode(200)
                .body("data", nullValue())
                .body("errors", equalTo(List.of(Map.of("message", "PersistedQueryNotFound",
                        "extensions", Map.of("code", "PERSISTED_QUERY_NOT_FOUND")))));
    }

    @Test
    void queryWithItsHashRegistersItForHashOnlyRequests() {
        String query = "{ __typename } # " + Users.unique("apq-round-trip");
        String hash = sha256(query);
        hashOnly(hash).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        post(Json.createObjectBuilder().add("query", query).add("extensions", extensions(hash)).build().toString())
                .statusCode(200).body("data.__typename", equalTo("Query"));
        hashOnly(hash).statusCode(200).body("errors", nullValue()).body("data.__typename", equalTo("Query"));
        client.request().queryParam("extensions", extensions(hash).toString()).get("/graphql").then()
                .statusCode(200).body("data.__typename", equalTo("Query"));
    }

    @Test
    void hashThatIsNotTheQuerysIsRefused() {
        post(Json.createObjectBuilder().add("query", "{ __typename }").add("extensions", extensions(sha256("other")))
                .build().toString())
                .statusCode(400)
                .body("errors[0].message", equalTo("provided sha does not match query"))
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
    }

    @Test
    void persistedMutationIsRefusedOverGet() {
        String mutation = "mutation { deleteUser(input: {id: \"VXNlcjo5ODc2NTQzMjE\"}) { deletedId } } # "
                + Users.unique("apq-get");
        String hash = sha256(mutation);
        hashOnly(hash);
        // Registered over POST, where it runs (the id, User:987654321, does not exist: NOT_FOUND, nothing changes).
        post(Json.createObjectBuilder().add("query", mutation).add("extensions", extensions(hash)).build().toString())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        client.request().queryParam("extensions", extensions(hash).toString()).get("/graphql").then()
                .statusCode(405);
    }

    private ValidatableResponse hashOnly(String hash) {
        return post(Json.createObjectBuilder().add("extensions", extensions(hash)).build().toString());
    }

    private ValidatableResponse post(String body) {
        return client.request().contentType(ContentType.JSON).body(body).post("/graphql").then();
    }

    private static jakarta.json.JsonObject extensions(String hash) {
        return Json.createObjectBuilder().add("persistedQuery", Json.createObjectBuilder().add("version", 1)
                .add("sha256Hash", hash)).build();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

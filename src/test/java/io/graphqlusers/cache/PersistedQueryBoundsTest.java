package io.graphqlusers.cache;

import static io.graphqlusers.cache.PersistedQueryTest.sha256;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * What a client can make the service keep: only documents that passed every check, at most a budget of them per
 * client and minute, and in process at most {@code app.apq.max-bytes} of text, the documents in use kept longest.
 * Here the budget is 5 and the store 6,000 bytes (a 1,000-character document takes 2,200 of them).
 */
@QuarkusTest
@TestProfile(PersistedQueryBoundsTest.SmallStore.class)
class PersistedQueryBoundsTest {

    @Test
    void documentsThatFailACheckAreNeverKept() {
        GraphQLClient client = Users.aUser().create().withMintedToken();
        String invalid = "{ nope } # " + Users.unique("invalid");
        register(client, invalid).body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        String tooDeep = "{ me { " + "posts { nodes { author { ".repeat(4) + "id" + " } } }".repeat(4) + " } } # "
                + Users.unique("deep");
        register(client, tooDeep).body("errors[0].extensions.limit", equalTo("maxDepth"));
        for (String document : List.of(invalid, tooDeep)) {
            hashOnly(client, document).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        }
    }

    @Test
    void aMutationRefusedOverGetAndADocumentLargerThanTheStoreAreNotKept() {
        GraphQLClient client = Users.aUser().create().withMintedToken();
        String mutation = "mutation { deletePost(input: {id: \"UG9zdDo5ODc2NTQzMjE\"}) { deletedId } } # "
                + Users.unique("get");
        client.request().queryParam("query", mutation).queryParam("extensions", extensions(mutation).toString())
                .get("/graphql").then().statusCode(405);
        hashOnly(client, mutation).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        String kept = "{ __typename } # " + Users.unique("kept");
        register(client, kept).body("data.__typename", equalTo("Query"));
        String huge = "{ __typename } # " + Users.unique("huge") + " " + "x".repeat(3000);
        register(client, huge).body("data.__typename", equalTo("Query"));
        hashOnly(client, huge).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        hashOnly(client, kept).body("data.__typename", equalTo("Query"));
    }

    @Test
    void eachClientRegistersAtMostItsBudgetAndTheRestStillRuns() {
        GraphQLClient client = Users.aUser().create().withMintedToken();
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            documents.add("{ __typename } # " + Users.unique("budget"));
            register(client, documents.get(i)).body("data.__typename", equalTo("Query")).body("errors", nullValue());
        }
        for (int i = 0; i < 8; i++) {
            ValidatableResponse answer = hashOnly(client, documents.get(i));
            if (i < 5) {
                answer.body("data.__typename", equalTo("Query"));
            } else {
                answer.body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
            }
        }
    }

    /**
     * Clients registering as many distinct maximal documents as they may (here 15 of 1,000 characters, 33,000 bytes)
     * leave the store at its bound: the earliest are gone, while a well-known query used in between is still served.
     */
    @Test
    void theStoreKeepsToItsBytesAndKeepsTheQueriesInUse() {
        GraphQLClient user = Users.aUser().create().withMintedToken();
        String wellKnown = "{ __typename } # " + Users.unique("well-known");
        register(user, wellKnown).body("data.__typename", equalTo("Query"));
        List<String> flood = new ArrayList<>();
        for (int client = 0; client < 3; client++) {
            GraphQLClient flooder = Users.aUser().create().withMintedToken();
            for (int i = 0; i < 5; i++) {
                String document = "{ __typename } # " + Users.unique("flood") + " " + "x".repeat(1000);
                flood.add(document);
                register(flooder, document).body("data.__typename", equalTo("Query"));
                hashOnly(user, wellKnown).body("data.__typename", equalTo("Query"));
            }
        }
        hashOnly(user, flood.get(0)).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        hashOnly(user, flood.get(flood.size() - 1)).body("data.__typename", equalTo("Query"));
        hashOnly(user, wellKnown).body("data.__typename", equalTo("Query"));
    }

    private static ValidatableResponse register(GraphQLClient client, String document) {
        return send(client, Json.createObjectBuilder().add("query", document).add("extensions", extensions(document))
                .build().toString());
    }

    private static ValidatableResponse hashOnly(GraphQLClient client, String document) {
        return send(client, Json.createObjectBuilder().add("extensions", extensions(document)).build().toString());
    }

    private static ValidatableResponse send(GraphQLClient client, String body) {
        return client.request().contentType(ContentType.JSON).body(body).post("/graphql").then().statusCode(200);
    }

    private static jakarta.json.JsonObject extensions(String document) {
        return Json.createObjectBuilder().add("persistedQuery", Json.createObjectBuilder().add("version", 1)
                .add("sha256Hash", sha256(document))).build();
    }

    public static class SmallStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.apq.registrations-per-minute", "5", "app.apq.max-bytes", "6000");
        }
    }
}

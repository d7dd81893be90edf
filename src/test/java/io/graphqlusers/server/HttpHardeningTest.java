package io.graphqlusers.server;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Defaults a public endpoint needs: security headers, no CORS unless configured, no hints about the schema. */
@QuarkusTest
class HttpHardeningTest {

    private final GraphQLClient client = GraphQLClient.admin();

    @Test
    void responsesCarrySecurityHeaders() {
        client.request().contentType(ContentType.JSON).body(GraphQLClient.body("{ __typename }", Map.of()))
                .post("/graphql").then()
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
    }

    @Test
    void crossOriginCallersGetNoCorsPermission() {
        client.request().header("Origin", "https://elsewhere.example").contentType(ContentType.JSON)
                .body(GraphQLClient.body("{ __typename }", Map.of())).post("/graphql").then()
                .header("Access-Control-Allow-Origin", nullValue());
        client.request().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST").options("/graphql").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void validationErrorsSuggestNothing() {
        client.execute("{ user(id: \"VXNlcjox\") { nam } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", not(containsString("Did you mean")))
                .body("errors[0].message", equalTo("Validation error (FieldUndefined@[user/nam]) : Field 'nam' in type "
                        + "'User' is undefined"));
    }
}

package io.graphqlusers.common;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Each client (token subject, or address) has its own bucket: a burst of 10, then one request per 20 s here, so a slow
 * machine taking seconds over the burst cannot refill a token before the eleventh request.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBuckets.class)
class RateLimitTest {

    @Test
    void aClientOverItsBurstIsRateLimitedWhileOthersAreNot() {
        GraphQLClient greedy = client();
        for (int i = 0; i < 10; i++) {
            post(greedy).statusCode(200).body("data.__typename", equalTo("Query"));
        }
        String retryAfter = post(greedy)
                .statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .body("errors[0].extensions", equalTo(Map.of("code", "RATE_LIMITED")))
                .extract().header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) <= 20, retryAfter);
        post(greedy).statusCode(429)
                .body("errors[0].message", matchesPattern("Too many requests; retry after [1-9][0-9]? s"));
        post(client()).statusCode(200);
    }

    /** A client of its own: the bucket key is the token's principal, its unique email. */
    private static GraphQLClient client() {
        return GraphQLClient.withToken(TestTokens.valid("VXNlcjo5OTk5OTk5OTk", Users.unique("limited") + "@example.com",
                "USER"));
    }

    private static io.restassured.response.ValidatableResponse post(GraphQLClient client) {
        return client.request().contentType(ContentType.JSON).body(GraphQLClient.body("{ __typename }", Map.of()))
                .post("/graphql").then();
    }

    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.rate-limit.requests-per-second", "0.05", "app.rate-limit.burst", "10");
        }
    }
}

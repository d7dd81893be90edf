package io.graphqlusers.auth;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Password hashes run on a bounded pool: here one thread and a queue of two, with a bcrypt cost of 12 (a few hundred
 * ms a hash), so that of 12 logins sent at once some wait and the others are refused at once with
 * SERVICE_UNAVAILABLE, instead of all of them queueing behind each other or taking every core.
 */
@QuarkusTest
@TestProfile(PasswordHashingPoolTest.OneThread.class)
class PasswordHashingPoolTest {

    private static final String LOGIN = "mutation($input: LoginInput!) { login(input: $input) { token } }";
    private static final int LOGINS = 12;

    @Test
    void loginsPastThePoolsQueueAreRefusedAtOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(LOGINS);
        try {
            List<CompletableFuture<JsonPath>> answers = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                String email = Users.unique("flood") + "@example.com";
                answers.add(CompletableFuture.supplyAsync(() -> GraphQLClient.anonymous()
                        .execute(LOGIN, vars("input", Map.of("email", email, "password", "not the password")))
                        .extract().jsonPath(), clients));
            }
            Map<String, Integer> codes = new TreeMap<>();
            for (CompletableFuture<JsonPath> answer : answers) {
                JsonPath body = answer.get();
                String code = body.getString("errors[0].extensions.code");
                codes.merge(code, 1, Integer::sum);
                if ("SERVICE_UNAVAILABLE".equals(code)) {
                    assertEquals("Too many password checks at once; retry in a moment",
                            body.getString("errors[0].message"));
                }
            }
            assertEquals(LOGINS, codes.getOrDefault("UNAUTHENTICATED", 0)
                    + codes.getOrDefault("SERVICE_UNAVAILABLE", 0), codes.toString());
            // One running and two waiting at any time: at least three were checked, at least one was refused.
            assertTrue(codes.getOrDefault("UNAUTHENTICATED", 0) >= 3, codes.toString());
            assertTrue(codes.getOrDefault("SERVICE_UNAVAILABLE", 0) >= 1, codes.toString());
        } finally {
            clients.shutdownNow();
        }
        // The pool is free again afterwards: a right password logs in.
        Users.CreatedUser user = Users.aUser().create();
        String token = GraphQLClient.anonymous().execute(LOGIN, vars("input", Map.of("email", user.email(),
                "password", user.password()))).extract().jsonPath().getString("data.login.token");
        assertTrue(token != null && token.split("\\.").length == 3, String.valueOf(token));
    }

    public static class OneThread implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.auth.hashing.threads", "1", "app.auth.hashing.queue", "2", "app.auth.bcrypt-cost", "12");
        }
    }
}

package io.graphqlusers.auth;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Login with an unknown email takes about as long as with a wrong password, so response times do not reveal which
 * accounts exist. Runs with a realistic bcrypt cost (10, about 90 ms a hash here) so that skipping the hash would
 * show as a tenfold difference; the check itself is loose (medians within a factor of two).
 */
@QuarkusTest
@TestProfile(LoginTimingTest.RealisticHashing.class)
class LoginTimingTest {

    private static final String LOGIN = "mutation($input: LoginInput!) { login(input: $input) { token } }";
    private static final int SAMPLES = 9;

    @Test
    void unknownEmailAndWrongPasswordTakeAboutTheSameTime() {
        CreatedUser user = Users.aUser().create();
        String unknown = Users.unique("nobody") + "@example.com";
        login(user.email());
        login(unknown);
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownEmail = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            wrongPassword.add(login(user.email()));
            unknownEmail.add(login(unknown));
        }
        double ratio = (double) median(unknownEmail) / median(wrongPassword);
        assertTrue(ratio > 0.5 && ratio < 2.0, "unknown/wrong median ratio " + ratio + ": " + unknownEmail + " vs "
                + wrongPassword);
    }

    private static long login(String email) {
        long start = System.nanoTime();
        GraphQLClient.anonymous().execute(LOGIN, vars("input", Map.of("email", email, "password", "not the password")))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        return System.nanoTime() - start;
    }

    private static long median(List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    public static class RealisticHashing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.auth.bcrypt-cost", "10");
        }
    }
}

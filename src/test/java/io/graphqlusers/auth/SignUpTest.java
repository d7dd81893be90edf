package io.graphqlusers.auth;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SignUpTest {

    private static final String SIGN_UP = """
            mutation SignUp($input: SignUpInput!) {
              signUp(input: $input) { token expiresAt user { id name email role } }
            }
            """;

    private final GraphQLClient anonymous = GraphQLClient.anonymous();

    @Test
    void createsUserAndReturnsAWorkingToken() {
        String email = Users.unique("signup") + "@example.com";
        JsonPath payload = anonymous.execute(SIGN_UP,
                vars("input", Map.of("name", " Newcomer ", "email", email.toUpperCase(), "password", "a fine password")))
                .body("errors", nullValue())
                .extract().jsonPath().setRootPath("data.signUp");
        assertEquals(Map.of("id", payload.getString("user.id"), "name", "Newcomer", "email", email, "role", "USER"),
                payload.getMap("user"));
        Duration lifetime = Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(payload.getString("expiresAt")));
        assertTrue(lifetime.compareTo(Duration.ofMinutes(59)) > 0 && lifetime.compareTo(Duration.ofMinutes(61)) < 0,
                lifetime.toString());

        GraphQLClient.withToken(payload.getString("token")).execute("{ me { id name email role } }")
                .body("data.me", equalTo(payload.getMap("user")));
    }

    @Test
    void cannotChooseItsRole() {
        anonymous.execute("mutation { signUp(input: {name: \"X\", email: \"x@example.com\", password: \"12345678\", "
                + "role: ADMIN}) { token } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
    }

    @Test
    void rejectsDuplicateEmailInAnyCaseWithConflict() {
        String email = Users.aUser().create().email();
        anonymous.execute(SIGN_UP, vars("input", Map.of("name", "Copycat", "email", email.toUpperCase(),
                "password", "a fine password")))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].extensions.field", equalTo("input.email"));
    }

    @Test
    void rejectsShortAndLongPasswordsWithoutEchoingThem() {
        for (String password : new String[] { "short12", "p".repeat(129) }) {
            anonymous.execute(SIGN_UP, vars("input", Map.of("name", "Weak", "email", Users.unique("weak") + "@example.com",
                    "password", password)))
                    .body("data", nullValue())
                    .body("errors", hasSize(1))
                    .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "field", "input.password")))
                    .body("errors[0].message", equalTo("input.password: must be 8 to 128 characters"))
                    .body(not(containsString(password)));
        }
    }

    @Test
    void acceptsPasswordsOfEightAndOfOneHundredTwentyEightCharacters() {
        for (String password : new String[] { "12345678", "p".repeat(128) }) {
            anonymous.execute(SIGN_UP, vars("input", Map.of("name", "Edge", "email", Users.unique("edge") + "@example.com",
                    "password", password)))
                    .body("errors", nullValue());
        }
    }
}

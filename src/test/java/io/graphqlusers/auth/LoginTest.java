package io.graphqlusers.auth;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class LoginTest {

    private static final String LOGIN = "mutation($input: LoginInput!) { login(input: $input) { token expiresAt user { id email } } }";

    private final GraphQLClient anonymous = GraphQLClient.anonymous();

    @Test
    void returnsTokenWithTheDocumentedClaims() {
        CreatedUser user = Users.aUser().withRole("ADMIN").create();
        JsonPath payload = login(user.email(), user.password()).body("errors", nullValue()).extract().jsonPath()
                .setRootPath("data.login");
        assertEquals(Map.of("id", user.id(), "email", user.email()), payload.getMap("user"));

        JsonPath claims = JsonPath.from(new String(Base64.getUrlDecoder().decode(payload.getString("token").split("\\.")[1]),
                StandardCharsets.UTF_8));
        JsonPath header = JsonPath.from(new String(Base64.getUrlDecoder().decode(payload.getString("token").split("\\.")[0]),
                StandardCharsets.UTF_8));
        assertEquals("RS256", header.getString("alg"));
        assertEquals("https://graphql-users.example", claims.getString("iss"));
        assertEquals(user.id(), claims.getString("sub"));
        assertEquals(user.email(), claims.getString("upn"));
        assertEquals(user.email(), claims.getString("email"));
        assertEquals(List.of("ADMIN"), claims.getList("groups"));
        assertEquals(3600, claims.getLong("exp") - claims.getLong("iat"));
        assertEquals(36, claims.getString("jti").length());
    }

    @Test
    void everyTokenHasItsOwnId() {
        CreatedUser user = Users.aUser().create();
        String first = login(user.email(), user.password()).extract().path("data.login.token");
        String second = login(user.email(), user.password()).extract().path("data.login.token");
        assertNotEquals(claim(first, "jti"), claim(second, "jti"));
    }

    @Test
    void acceptsTheEmailInAnyCaseAndWithSpaces() {
        CreatedUser user = Users.aUser().create();
        login("  " + user.email().toUpperCase() + " ", user.password()).body("data.login.user.id", equalTo(user.id()));
    }

    @Test
    void tokenFromLoginAuthorisesRequests() {
        CreatedUser user = Users.aUser().withName("Logged In").create();
        user.login().execute("{ me { name } }").body("data.me.name", equalTo("Logged In"));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameError() {
        CreatedUser user = Users.aUser().create();
        String wrongPassword = login(user.email(), "not the password").extract().asString();
        String unknownEmail = login(Users.unique("nobody") + "@example.com", "not the password").extract().asString();
        assertEquals(wrongPassword, unknownEmail);
        login(user.email(), "not the password")
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].message", equalTo("Invalid email or password"))
                .body("errors[0].extensions", equalTo(Map.of("code", "UNAUTHENTICATED")))
                .body("errors[0].path", equalTo(List.of("login")));
    }

    @Test
    void passwordsAreCaseSensitive() {
        CreatedUser user = Users.aUser().withPassword("Case Matters 1").create();
        login(user.email(), "case matters 1").body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void longPasswordsDifferingAfterSeventyTwoBytesAreDifferent() {
        String base = "x".repeat(100);
        CreatedUser user = Users.aUser().withPassword(base + "A").create();
        login(user.email(), base + "B").body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        login(user.email(), base + "A").body("errors", nullValue());
    }

    private io.restassured.response.ValidatableResponse login(String email, String password) {
        return anonymous.execute(LOGIN, vars("input", Map.of("email", email, "password", password)));
    }

    private static String claim(String token, String name) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .getString(name);
    }
}

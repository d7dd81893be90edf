package io.graphqlusers.auth;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PasswordChangeTest {

    private static final String UPDATE = "mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }";
    private static final String LOGIN = "mutation($input: LoginInput!) { login(input: $input) { token } }";

    @Test
    void ownPasswordChangesWithTheCurrentOne() {
        CreatedUser user = Users.aUser().create();
        user.login().execute(UPDATE, vars("input", Map.of("id", user.id(), "password", "brand new secret",
                "currentPassword", user.password())))
                .body("errors", nullValue());
        expectLogin(user.email(), "brand new secret", true);
        expectLogin(user.email(), user.password(), false);
    }

    @Test
    void ownPasswordChangeWithAWrongCurrentPasswordIsRefused() {
        CreatedUser user = Users.aUser().create();
        user.login().execute(UPDATE, vars("input", Map.of("id", user.id(), "password", "brand new secret",
                "currentPassword", "a wrong guess")))
                .body("data", nullValue())
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "field", "input.currentPassword")))
                .body("errors[0].message", equalTo("The current password is missing or wrong"));
        expectLogin(user.email(), user.password(), true);
    }

    @Test
    void ownPasswordChangeWithoutTheCurrentPasswordIsRefused() {
        CreatedUser user = Users.aUser().withRole("ADMIN").create();
        user.login().execute(UPDATE, vars("input", Map.of("id", user.id(), "password", "brand new secret")))
                .body("errors[0].extensions.field", equalTo("input.currentPassword"));
    }

    @Test
    void adminSetsAnotherUsersPasswordWithoutTheirCurrentOne() {
        CreatedUser admin = Users.aUser().withRole("ADMIN").create();
        CreatedUser user = Users.aUser().create();
        admin.login().execute(UPDATE, vars("input", Map.of("id", user.id(), "password", "reset by admin")))
                .body("errors", nullValue());
        expectLogin(user.email(), "reset by admin", true);
    }

    @Test
    void newPasswordMustBeValid() {
        CreatedUser user = Users.aUser().create();
        Map<String, Object> input = new HashMap<>(Map.of("id", user.id(), "password", "short",
                "currentPassword", user.password()));
        user.login().execute(UPDATE, vars("input", input))
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "field", "input.password")));
    }

    private static void expectLogin(String email, String password, boolean succeeds) {
        GraphQLClient.anonymous().execute(LOGIN, vars("input", Map.of("email", email, "password", password)))
                .body("errors", succeeds ? nullValue() : org.hamcrest.Matchers.notNullValue());
    }
}

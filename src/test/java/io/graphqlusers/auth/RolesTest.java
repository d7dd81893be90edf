package io.graphqlusers.auth;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;

/** What a USER may do and what only an ADMIN may, each with a token from {@code login}. */
@QuarkusTest
class RolesTest {

    private static final String CREATE = "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }";
    private static final String UPDATE = "mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { name role } } }";
    private static final String DELETE = "mutation($id: ID!) { deleteUser(input: {id: $id}) { deletedId } }";

    @Test
    void userMayNotCreateUsers() {
        GraphQLClient user = Users.aUser().create().login();
        expectForbidden(user.execute(CREATE, vars("input", Map.of("name", "Sneaky", "email",
                Users.unique("sneaky") + "@example.com", "password", "12345678"))), "createUser");
    }

    @Test
    void adminMayCreateUsersWithAnyRole() {
        GraphQLClient admin = Users.aUser().withRole("ADMIN").create().login();
        admin.execute("mutation($input: CreateUserInput!) { createUser(input: $input) { user { role } } }",
                vars("input", Map.of("name", "Second Admin", "email", Users.unique("admin2") + "@example.com",
                        "password", "12345678", "role", "ADMIN")))
                .body("data.createUser.user.role", equalTo("ADMIN"));
    }

    @Test
    void userMayNotDeleteUsersNotEvenThemselves() {
        CreatedUser user = Users.aUser().create();
        expectForbidden(user.login().execute(DELETE, vars("id", user.id())), "deleteUser");
        expectForbidden(user.login().execute(DELETE, vars("id", Users.aUser().create().id())), "deleteUser");
    }

    @Test
    void userMayUpdateTheirOwnName() {
        CreatedUser user = Users.aUser().create();
        user.login().execute(UPDATE, vars("input", Map.of("id", user.id(), "name", "Renamed")))
                .body("errors", nullValue())
                .body("data.updateUser.user.name", equalTo("Renamed"));
    }

    @Test
    void userMayNotUpdateAnotherUser() {
        CreatedUser user = Users.aUser().create();
        CreatedUser other = Users.aUser().withName("Untouched").create();
        user.login().execute(UPDATE, vars("input", Map.of("id", other.id(), "name", "Hijacked")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].message", equalTo("You may only update your own account"));
        GraphQLClient.admin().execute("query($id: ID!) { user(id: $id) { name } }", vars("id", other.id()))
                .body("data.user.name", equalTo("Untouched"));
    }

    @Test
    void userMayNotChangeTheirOwnRole() {
        CreatedUser user = Users.aUser().create();
        user.login().execute(UPDATE, vars("input", Map.of("id", user.id(), "role", "ADMIN")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].message", equalTo("Only an ADMIN may change roles"));
    }

    @Test
    void adminMayUpdateAnyoneIncludingRole() {
        CreatedUser admin = Users.aUser().withRole("ADMIN").create();
        CreatedUser user = Users.aUser().create();
        admin.login().execute(UPDATE, vars("input", Map.of("id", user.id(), "name", "Promoted", "role", "ADMIN")))
                .body("errors", nullValue())
                .body("data.updateUser.user", equalTo(Map.of("name", "Promoted", "role", "ADMIN")));
    }

    @Test
    void roleChangeTakesEffectWithTheNextToken() {
        CreatedUser user = Users.aUser().create();
        GraphQLClient oldToken = user.login();
        GraphQLClient.admin().execute(UPDATE, vars("input", Map.of("id", user.id(), "role", "ADMIN")));
        String create = "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }";
        Map<String, Object> input = vars("input", Map.of("name", "By New Admin", "email", Users.unique("bna") + "@example.com",
                "password", "12345678"));
        expectForbidden(oldToken.execute(create, input), "createUser");
        user.login().execute(create, input).body("errors", nullValue());
    }

    private static void expectForbidden(io.restassured.response.ValidatableResponse response, String field) {
        response.body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].message", equalTo("Not allowed"))
                .body("errors[0].extensions", equalTo(Map.of("code", "FORBIDDEN")))
                .body("errors[0].path", equalTo(java.util.List.of(field)));
    }
}

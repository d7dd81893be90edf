package io.graphqlusers.user;

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

@QuarkusTest
class DeleteUserTest {

    private static final String DELETE = "mutation($input: DeleteUserInput!) { deleteUser(input: $input) { deletedId } }";

    private final GraphQLClient client = GraphQLClient.admin();

    @Test
    void deletesUserAndReturnsItsId() {
        CreatedUser user = Users.aUser().create();
        client.execute(DELETE, vars("input", Map.of("id", user.id())))
                .body("errors", nullValue())
                .body("data.deleteUser.deletedId", equalTo(user.id()));
        client.execute("query($id: ID!) { user(id: $id) { id } }", vars("id", user.id()))
                .body("data.user", nullValue());
    }

    @Test
    void freesTheEmailForReuse() {
        CreatedUser user = Users.aUser().create();
        client.execute(DELETE, vars("input", Map.of("id", user.id())));
        Users.aUser().withEmail(user.email()).create();
    }

    @Test
    void deletingTwiceIsNotFound() {
        CreatedUser user = Users.aUser().create();
        client.execute(DELETE, vars("input", Map.of("id", user.id())));
        client.execute(DELETE, vars("input", Map.of("id", user.id())))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].message", equalTo("No user with this ID"));
    }

    @Test
    void rejectsMalformedIdWithBadUserInput() {
        client.execute(DELETE, vars("input", Map.of("id", "%%%")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo("input.id"));
    }
}

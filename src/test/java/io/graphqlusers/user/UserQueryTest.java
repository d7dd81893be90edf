package io.graphqlusers.user;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class UserQueryTest {

    private static final String USER = "query($id: ID!) { user(id: $id) { id name email role version createdAt updatedAt } }";

    private final GraphQLClient client = GraphQLClient.admin();

    @Test
    void returnsUserById() {
        CreatedUser grace = Users.aUser().withName("Grace Hopper").withRole("ADMIN").create();
        client.execute(USER, vars("id", grace.id()))
                .body("errors", nullValue())
                .body("data.user", equalTo(Map.of("id", grace.id(), "name", "Grace Hopper", "email", grace.email(),
                        "role", "ADMIN", "version", 0, "createdAt", grace.createdAt(), "updatedAt", grace.updatedAt())));
    }

    @Test
    void returnsNullForUnknownId() {
        client.execute(USER, vars("id", globalId("User:999999999")))
                .body("errors", nullValue())
                .body("data.user", nullValue());
    }

    @Test
    void rejectsMalformedIdWithBadUserInput() {
        client.execute(USER, vars("id", "not base64 at all!"))
                .body("data.user", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo("id"))
                .body("errors[0].message", equalTo("`id` is not a valid ID"))
                .body("errors[0].path", equalTo(List.of("user")));
    }

    @Test
    void rejectsIdOfAnotherTypeWithBadUserInput() {
        client.execute(USER, vars("id", globalId("Post:1")))
                .body("data.user", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].message", equalTo("`id` is not the ID of a User"));
    }

    @Test
    void rejectsNonCanonicalNumbersInIds() {
        for (String plain : List.of("User:", "User:-1", "User:01", "User:1x", ":1", "User:99999999999999999999")) {
            client.execute(USER, vars("id", globalId(plain)))
                    .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        }
    }

    static String globalId(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}

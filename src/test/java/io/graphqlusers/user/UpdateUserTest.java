package io.graphqlusers.user;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class UpdateUserTest {

    private static final String UPDATE = """
            mutation Update($input: UpdateUserInput!) {
              updateUser(input: $input) { user { id name email role version createdAt updatedAt } }
            }
            """;

    private final GraphQLClient client = GraphQLClient.admin();

    @Test
    void changesOnlyTheGivenFields() {
        CreatedUser user = Users.aUser().withName("Before").create();
        client.execute(UPDATE, vars("input", Map.of("id", user.id(), "name", "  After  ")))
                .body("errors", nullValue())
                .body("data.updateUser.user.id", equalTo(user.id()))
                .body("data.updateUser.user.name", equalTo("After"))
                .body("data.updateUser.user.email", equalTo(user.email()))
                .body("data.updateUser.user.role", equalTo("USER"))
                .body("data.updateUser.user.version", equalTo(1))
                .body("data.updateUser.user.createdAt", equalTo(user.createdAt()))
                .body("data.updateUser.user.updatedAt", not(equalTo(user.updatedAt())));
    }

    @Test
    void changesEmailAndRoleWithNormalisation() {
        CreatedUser user = Users.aUser().create();
        String email = Users.unique("New.Address") + "@Example.org";
        client.execute(UPDATE, vars("input", Map.of("id", user.id(), "email", email, "role", "ADMIN")))
                .body("data.updateUser.user.email", equalTo(email.toLowerCase()))
                .body("data.updateUser.user.role", equalTo("ADMIN"));
    }

    @Test
    void nullFieldsKeepTheirValues() {
        CreatedUser user = Users.aUser().create();
        Map<String, Object> input = new HashMap<>();
        input.put("id", user.id());
        input.put("name", null);
        input.put("email", null);
        client.execute(UPDATE, vars("input", input))
                .body("data.updateUser.user.name", equalTo(user.name()))
                .body("data.updateUser.user.email", equalTo(user.email()))
                .body("data.updateUser.user.version", equalTo(0));
    }

    @Test
    void acceptsTheCurrentVersion() {
        CreatedUser user = Users.aUser().create();
        client.execute(UPDATE, vars("input", Map.of("id", user.id(), "name", "First", "version", 0)))
                .body("data.updateUser.user.version", equalTo(1));
        client.execute(UPDATE, vars("input", Map.of("id", user.id(), "name", "Second", "version", 1)))
                .body("data.updateUser.user.version", equalTo(2));
    }

    @Test
    void rejectsStaleVersionWithConflictAndKeepsTheNewerData() {
        CreatedUser user = Users.aUser().create();
        client.execute(UPDATE, vars("input", Map.of("id", user.id(), "name", "Winner", "version", 0)));
        client.execute(UPDATE, vars("input", Map.of("id", user.id(), "name", "Loser", "version", 0)))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].extensions.field", equalTo("input.version"));
        client.execute("query($id: ID!) { user(id: $id) { name version } }", vars("id", user.id()))
                .body("data.user", equalTo(Map.of("name", "Winner", "version", 1)));
    }

    @Test
    void concurrentUpdatesWithOneVersionLoseNothing() throws Exception {
        CreatedUser user = Users.aUser().create();
        int clients = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<String> winners = new ArrayList<>();
        try {
            List<Callable<JsonPath>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String name = "Writer " + i;
                calls.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return client
                            .execute(UPDATE, vars("input", Map.of("id", user.id(), "name", name, "version", user.version())))
                            .extract()
                            .jsonPath();
                });
            }
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (Callable<JsonPath> call : calls) {
                futures.add(pool.submit(call));
            }
            start.countDown();
            int conflicts = 0;
            for (Future<JsonPath> future : futures) {
                JsonPath result = future.get(60, TimeUnit.SECONDS);
                if (result.getString("data.updateUser.user.id") != null) {
                    assertEquals(user.version() + 1, result.getInt("data.updateUser.user.version"), result.prettify());
                    winners.add(result.getString("data.updateUser.user.name"));
                } else {
                    assertEquals("CONFLICT", result.getString("errors[0].extensions.code"), result.prettify());
                    conflicts++;
                }
            }
            assertEquals(1, winners.size(), winners.toString());
            assertEquals(clients - 1, conflicts);
        } finally {
            pool.shutdownNow();
        }
        client.execute("query($id: ID!) { user(id: $id) { name version } }", vars("id", user.id()))
                .body("data.user", equalTo(Map.of("name", winners.get(0), "version", user.version() + 1)));
    }

    @Test
    void rejectsEmailOfAnotherUserWithConflict() {
        CreatedUser other = Users.aUser().create();
        CreatedUser user = Users.aUser().create();
        client.execute(UPDATE, vars("input", Map.of("id", user.id(), "email", other.email().toUpperCase())))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].extensions.field", equalTo("input.email"));
    }

    @Test
    void keepingOwnEmailInAnotherCaseIsNoConflict() {
        CreatedUser user = Users.aUser().create();
        client.execute(UPDATE, vars("input", Map.of("id", user.id(), "email", user.email().toUpperCase())))
                .body("errors", nullValue())
                .body("data.updateUser.user.email", equalTo(user.email()));
    }

    @Test
    void rejectsInvalidValuesWithBadUserInput() {
        CreatedUser user = Users.aUser().create();
        client.execute(UPDATE, vars("input", Map.of("id", user.id(), "name", " ", "email", "x@y")))
                .body("data", nullValue())
                .body("errors.extensions.field", equalTo(List.of("input.email", "input.name")));
    }

    @Test
    void unknownUserIsNotFound() {
        client.execute(UPDATE, vars("input", Map.of("id", UserQueryTest.globalId("User:987654321"), "name", "Ghost")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }
}

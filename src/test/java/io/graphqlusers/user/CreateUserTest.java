package io.graphqlusers.user;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CreateUserTest {

    private static final String CREATE = """
            mutation Create($input: CreateUserInput!) {
              createUser(input: $input) { user { id name email role version createdAt updatedAt } }
            }
            """;

    private final GraphQLClient client = GraphQLClient.admin();

    @Test
    void createsUserWithNormalisedValuesAndDefaultRole() {
        String email = Users.unique("Mixed.Case") + "@Example.COM";
        JsonPath user = client
                .execute(CREATE,
                        vars("input", Map.of("password", Users.PASSWORD, "name", "  Ada Lovelace  ", "email", "  " + email)))
                .body("errors", nullValue())
                .extract().jsonPath().setRootPath("data.createUser.user");

        assertEquals("Ada Lovelace", user.getString("name"));
        assertEquals(email.toLowerCase(), user.getString("email"));
        assertEquals("USER", user.getString("role"));
        assertEquals(0, user.getInt("version"));
        assertEquals(user.getString("createdAt"), user.getString("updatedAt"));

        client.execute("query($id: ID!) { user(id: $id) { id name email role version createdAt } }",
                vars("id", user.getString("id")))
                .body("data.user.id", equalTo(user.getString("id")))
                .body("data.user.name", equalTo("Ada Lovelace"))
                .body("data.user.email", equalTo(email.toLowerCase()))
                .body("data.user.role", equalTo("USER"))
                .body("data.user.version", equalTo(0))
                .body("data.user.createdAt", equalTo(user.getString("createdAt")));
    }

    @Test
    void globalIdIsBase64OfTypeAndDatabaseId() {
        String id = Users.aUser().create().id();
        String decoded = new String(Base64.getUrlDecoder().decode(id));
        assertThat(decoded, matchesPattern("User:[1-9][0-9]*"));
    }

    @Test
    void createsAdminWhenRoleGiven() {
        client.execute(CREATE,
                vars("input", Map.of("password", Users.PASSWORD, "name", "Root", "email", Users.unique("root") + "@example.com",
                        "role", "ADMIN")))
                .body("data.createUser.user.role", equalTo("ADMIN"));
    }

    @Test
    void acceptsNameOfExactlyOneHundredCharactersAfterTrimming() {
        String name = "n".repeat(100);
        client.execute(CREATE,
                vars("input",
                        Map.of("password", Users.PASSWORD, "name", " " + name + " ", "email",
                                Users.unique("long") + "@example.com")))
                .body("data.createUser.user.name", equalTo(name));
    }

    @Test
    void rejectsBlankNameWithBadUserInput() {
        client.execute(CREATE,
                vars("input",
                        Map.of("password", Users.PASSWORD, "name", "   ", "email", Users.unique("blank") + "@example.com")))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo("input.name"))
                .body("errors[0].message", equalTo("input.name: must be 1 to 100 characters, not counting surrounding spaces"))
                .body("errors[0].path", equalTo(List.of("createUser")));
    }

    @Test
    void rejectsNameLongerThanOneHundredCharacters() {
        client.execute(CREATE,
                vars("input",
                        Map.of("password", Users.PASSWORD, "name", "n".repeat(101), "email",
                                Users.unique("l") + "@example.com")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo("input.name"));
    }

    @Test
    void rejectsMalformedEmailWithoutEchoingIt() {
        String email = Users.unique("not-an-address");
        String body = client
                .execute(CREATE, vars("input", Map.of("password", Users.PASSWORD, "name", "Somebody", "email", email)))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo("input.email"))
                .body("errors[0].message", equalTo("input.email: must be a valid email address"))
                .body("errors[0].extensions.keySet()", equalTo(Set.of("code", "field")))
                .extract().asString();
        assertThat(body, not(containsString(email)));
    }

    @Test
    void rejectsEmailWithoutDomainDot() {
        client.execute(CREATE,
                vars("input",
                        Map.of("password", Users.PASSWORD, "name", "Somebody", "email", Users.unique("a") + "@localhost")))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo("input.email"));
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        client.execute(CREATE, vars("input", Map.of("password", Users.PASSWORD, "name", "", "email", "nope")))
                .body("data", nullValue())
                .body("errors.extensions.field", equalTo(List.of("input.email", "input.name")))
                .body("errors.extensions.code", equalTo(List.of("BAD_USER_INPUT", "BAD_USER_INPUT")));
    }

    @Test
    void rejectsMissingRequiredFieldAsValidationFailure() {
        client.execute("mutation { createUser(input: { name: \"No Email\", password: \"long enough\" }) { user { id } } }")
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
    }

    @Test
    void rejectsDuplicateEmailWithConflict() {
        Users.CreatedUser existing = Users.aUser().create();
        client.execute(CREATE, vars("input", Map.of("password", Users.PASSWORD, "name", "Second", "email", existing.email())))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].extensions.field", equalTo("input.email"))
                .body("errors[0].message", equalTo("A user with this email already exists"));
    }

    @Test
    void rejectsDuplicateEmailDifferingOnlyInCase() {
        Users.CreatedUser existing = Users.aUser().create();
        client.execute(CREATE,
                vars("input", Map.of("password", Users.PASSWORD, "name", "Shouting", "email", existing.email().toUpperCase())))
                .body("errors[0].extensions.code", equalTo("CONFLICT"));
    }

    @Test
    void concurrentCreationOfOneEmailYieldsExactlyOneUser() throws Exception {
        String email = Users.unique("race") + "@example.com";
        int clients = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<JsonPath>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String name = "Racer " + i;
                calls.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return client
                            .execute(CREATE, vars("input", Map.of("password", Users.PASSWORD, "name", name, "email", email)))
                            .extract()
                            .jsonPath();
                });
            }
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (Callable<JsonPath> call : calls) {
                futures.add(pool.submit(call));
            }
            start.countDown();
            int created = 0;
            int conflicts = 0;
            for (Future<JsonPath> future : futures) {
                JsonPath result = future.get(60, TimeUnit.SECONDS);
                if (result.getString("data.createUser.user.id") != null) {
                    created++;
                } else {
                    assertEquals("CONFLICT", result.getString("errors[0].extensions.code"), result.prettify());
                    conflicts++;
                }
            }
            assertEquals(1, created);
            assertEquals(clients - 1, conflicts);
        } finally {
            pool.shutdownNow();
        }
        client.execute("query($f: UserFilter) { users(filter: $f) { totalCount } }",
                vars("f", Map.of("emailContains", email)))
                .body("data.users.totalCount", equalTo(1));
    }
}

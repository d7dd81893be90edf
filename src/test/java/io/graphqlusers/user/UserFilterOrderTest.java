package io.graphqlusers.user;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Filters and orders of {@code users}; each test empties the table so the expected lists are complete. */
@QuarkusTest
class UserFilterOrderTest {

    private static final String LIST = """
            query List($first: Int, $after: String, $filter: UserFilter, $orderBy: UserOrder) {
              users(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
                nodes { name email role }
                totalCount
                pageInfo { hasNextPage endCursor }
              }
            }
            """;

    private final GraphQLClient client = GraphQLClient.admin();

    @Inject
    Database database;

    @BeforeEach
    void emptyTable() {
        database.deleteAllUsers();
        Users.aUser().withName("Charlie Brown").withEmail("charlie@peanuts.example").create();
        Users.aUser().withName("alice Liddell").withEmail("alice@wonder.example").withRole("ADMIN").create();
        Users.aUser().withName("Bob 100%_sure").withEmail("bob_b@build.example").create();
        Users.aUser().withName("Dora ALICE").withEmail("dora@explore.example").create();
    }

    @Test
    void filtersByNameIgnoringCase() {
        JsonPath result = list(Map.of("filter", Map.of("nameContains", "ALIce")));
        assertEquals(List.of("alice Liddell", "Dora ALICE"), result.getList("nodes.name"));
        assertEquals(2, result.getInt("totalCount"));
    }

    @Test
    void filtersByEmail() {
        assertEquals(List.of("Charlie Brown"), names(Map.of("filter", Map.of("emailContains", "PEANUTS"))));
    }

    @Test
    void filtersByRole() {
        assertEquals(List.of("alice Liddell"), names(Map.of("filter", Map.of("role", "ADMIN"))));
        assertEquals(3, list(Map.of("filter", Map.of("role", "USER"))).getInt("totalCount"));
    }

    @Test
    void combinesFiltersWithAnd() {
        assertEquals(List.of("alice Liddell"), names(Map.of("filter", Map.of("nameContains", "alice", "role", "ADMIN"))));
        assertEquals(List.of(), names(Map.of("filter", Map.of("nameContains", "alice", "emailContains", "peanuts"))));
    }

    @Test
    void wildcardCharactersMatchThemselves() {
        assertEquals(List.of("Bob 100%_sure"), names(Map.of("filter", Map.of("nameContains", "%_"))));
        assertEquals(List.of("Bob 100%_sure"), names(Map.of("filter", Map.of("emailContains", "b_b"))));
        assertEquals(List.of(), names(Map.of("filter", Map.of("nameContains", "_x"))));
        assertEquals(List.of(), names(Map.of("filter", Map.of("nameContains", "\\"))));
    }

    @Test
    void rejectsFilterTextOutOfBoundsWithBadUserInput() {
        record Case(GraphQLClient caller, String field, String text, String message) {
        }
        GraphQLClient user = Users.aUser().create().login();
        for (Case bad : List.of(new Case(client, "nameContains", "", "size must be between 1 and 100"),
                new Case(client, "nameContains", "n".repeat(101), "size must be between 1 and 100"),
                new Case(client, "emailContains", "e".repeat(255), "size must be between 1 and 254"),
                // The input is checked before the rule on who may filter by email, as it always was.
                new Case(user, "emailContains", "", "size must be between 1 and 254"))) {
            bad.caller().execute(LIST, vars("filter", Map.of(bad.field(), bad.text())))
                    .body("data", nullValue())
                    .body("errors.size()", equalTo(1))
                    .body("errors[0].message", equalTo("filter." + bad.field() + ": " + bad.message()))
                    .body("errors[0].path", equalTo(List.of("users")))
                    .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "field", "filter." + bad.field())));
        }
    }

    @Test
    void ordersByCreationByDefaultAndOnRequest() {
        List<String> created = List.of("Charlie Brown", "alice Liddell", "Bob 100%_sure", "Dora ALICE");
        assertEquals(created, names(Map.of()));
        assertEquals(created, names(Map.of("orderBy", Map.of("field", "CREATED_AT", "direction", "ASC"))));
        List<String> reversed = new ArrayList<>(created);
        Collections.reverse(reversed);
        assertEquals(reversed, names(Map.of("orderBy", Map.of("field", "CREATED_AT", "direction", "DESC"))));
    }

    @Test
    void ordersByName() {
        database.deleteAllUsers();
        for (String name : List.of("Mallory", "Bob", "Trent", "Alice")) {
            Users.aUser().withName(name).create();
        }
        assertEquals(List.of("Alice", "Bob", "Mallory", "Trent"), names(Map.of("orderBy", Map.of("field", "NAME"))));
        assertEquals(List.of("Trent", "Mallory", "Bob", "Alice"),
                names(Map.of("orderBy", Map.of("field", "NAME", "direction", "DESC"))));
    }

    @Test
    void pagingByNameBreaksTiesByIdWithoutSkippingOrRepeating() {
        database.deleteAllUsers();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            emails.add(Users.aUser().withName("Same").create().email());
        }
        for (String direction : List.of("ASC", "DESC")) {
            List<String> seen = new ArrayList<>();
            String after = null;
            boolean more = true;
            while (more) {
                Map<String, Object> variables = new HashMap<>();
                variables.put("first", 2);
                variables.put("after", after);
                variables.put("orderBy", Map.of("field", "NAME", "direction", direction));
                JsonPath page = list(variables);
                seen.addAll(page.getList("nodes.email"));
                after = page.getString("pageInfo.endCursor");
                more = page.getBoolean("pageInfo.hasNextPage");
            }
            List<String> expected = new ArrayList<>(emails);
            if (direction.equals("DESC")) {
                Collections.reverse(expected);
            }
            assertEquals(expected, seen, direction);
        }
    }

    private List<String> names(Map<String, Object> variables) {
        return list(variables).getList("nodes.name");
    }

    private JsonPath list(Map<String, Object> variables) {
        return client.execute(LIST, variables).body("errors", nullValue()).extract().jsonPath().setRootPath("data.users");
    }
}

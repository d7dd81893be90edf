package io.graphqlusers.user;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Keyset paging over the whole table, which each test empties first so every row is known. */
@QuarkusTest
class UserPaginationTest {

    private static final String PAGE = """
            query Page($first: Int, $after: String, $last: Int, $before: String, $orderBy: UserOrder) {
              users(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
                edges { cursor node { name } }
                nodes { name }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }
            """;

    private final GraphQLClient client = GraphQLClient.admin();

    @Inject
    Database database;

    @BeforeEach
    void emptyTable() {
        database.deleteAllUsers();
    }

    @Test
    void emptyTableGivesAnEmptyPage() {
        client.execute("{ users(first: 2) { edges { cursor } nodes { id } totalCount "
                + "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }")
                .body("errors", nullValue())
                .body("data.users.edges", hasSize(0))
                .body("data.users.nodes", hasSize(0))
                .body("data.users.totalCount", equalTo(0))
                .body("data.users.pageInfo", equalTo(pageInfo(false, false, null, null)));
    }

    @Test
    void exactlyOnePageHasNoNeighbours() {
        createNamed("A", "B", "C");
        JsonPath page = page(vars("first", 3));
        assertEquals(List.of("A", "B", "C"), page.getList("nodes.name"));
        assertEquals(false, page.getBoolean("pageInfo.hasNextPage"));
        assertEquals(false, page.getBoolean("pageInfo.hasPreviousPage"));
    }

    @Test
    void pagesForwardToTheLastPage() {
        createNamed("A", "B", "C", "D", "E");
        JsonPath first = page(vars("first", 2));
        assertEquals(List.of("A", "B"), first.getList("nodes.name"));
        assertEquals(List.of("A", "B"), first.getList("edges.node.name"));
        assertEquals(pageInfo(true, false, first.getString("edges[0].cursor"), first.getString("edges[1].cursor")),
                first.getMap("pageInfo"));

        JsonPath second = page(vars("first", 2, "after", first.getString("pageInfo.endCursor")));
        assertEquals(List.of("C", "D"), second.getList("nodes.name"));
        assertEquals(true, second.getBoolean("pageInfo.hasNextPage"));
        assertEquals(true, second.getBoolean("pageInfo.hasPreviousPage"));

        JsonPath last = page(vars("first", 2, "after", second.getString("pageInfo.endCursor")));
        assertEquals(List.of("E"), last.getList("nodes.name"));
        assertEquals(false, last.getBoolean("pageInfo.hasNextPage"));
        assertEquals(true, last.getBoolean("pageInfo.hasPreviousPage"));

        JsonPath beyond = page(vars("first", 2, "after", last.getString("pageInfo.endCursor")));
        assertEquals(List.of(), beyond.getList("nodes.name"));
        assertEquals(false, beyond.getBoolean("pageInfo.hasNextPage"));
    }

    @Test
    void pagesBackwardFromTheEnd() {
        createNamed("A", "B", "C", "D", "E");
        JsonPath last = page(vars("last", 2));
        assertEquals(List.of("D", "E"), last.getList("nodes.name"));
        assertEquals(true, last.getBoolean("pageInfo.hasPreviousPage"));
        assertEquals(false, last.getBoolean("pageInfo.hasNextPage"));

        JsonPath middle = page(vars("last", 2, "before", last.getString("pageInfo.startCursor")));
        assertEquals(List.of("B", "C"), middle.getList("nodes.name"));
        assertEquals(true, middle.getBoolean("pageInfo.hasPreviousPage"));
        assertEquals(true, middle.getBoolean("pageInfo.hasNextPage"));

        JsonPath first = page(vars("last", 2, "before", middle.getString("pageInfo.startCursor")));
        assertEquals(List.of("A"), first.getList("nodes.name"));
        assertEquals(false, first.getBoolean("pageInfo.hasPreviousPage"));
        assertEquals(true, first.getBoolean("pageInfo.hasNextPage"));
    }

    @Test
    void forwardAndBackwardCursorsMeet() {
        createNamed("A", "B", "C", "D", "E");
        JsonPath all = page(vars("first", 5));
        JsonPath between = page(vars("first", 10, "after", all.getString("edges[0].cursor"),
                "before", all.getString("edges[4].cursor")));
        assertEquals(List.of("B", "C", "D"), between.getList("nodes.name"));
    }

    @Test
    void defaultsToTwentyPerPage() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            names.add(String.format("N%02d", i));
        }
        createNamed(names.toArray(String[]::new));
        JsonPath page = page(Map.of());
        assertEquals(names.subList(0, 20), page.getList("nodes.name"));
        assertEquals(true, page.getBoolean("pageInfo.hasNextPage"));
    }

    @Test
    void cursorStaysValidWhenItsRowIsDeleted() {
        createNamed("A", "B", "C", "D");
        JsonPath first = page(vars("first", 2));
        String idOfB = client.execute("{ users(first: 2) { nodes { id } } }").extract().path("data.users.nodes[1].id");
        client.execute("mutation($id: ID!) { deleteUser(input: {id: $id}) { deletedId } }", vars("id", idOfB));
        assertEquals(List.of("C", "D"), page(vars("first", 2, "after", first.getString("pageInfo.endCursor")))
                .getList("nodes.name"));
    }

    @Test
    void rejectsFirstTogetherWithLast() {
        expectBadInput(vars("first", 1, "last", 1), "last", "Pass either `first` or `last`, not both");
    }

    @Test
    void rejectsPageSizesOutsideTheLimit() {
        expectBadInput(vars("first", 101), "first", "`first` must be between 0 and 100");
        expectBadInput(vars("last", 101), "last", "`last` must be between 0 and 100");
        expectBadInput(vars("first", -1), "first", "`first` must be between 0 and 100");
        client.execute(PAGE, vars("first", 100)).body("errors", nullValue());
    }

    @Test
    void rejectsTamperedAndForeignCursors() {
        createNamed("A", "B");
        String cursor = page(vars("first", 1)).getString("pageInfo.endCursor");
        String tampered = (cursor.charAt(0) == 'Y' ? "Z" : "Y") + cursor.substring(1);
        expectBadInput(vars("first", 1, "after", tampered), "after", "Invalid cursor in `after`");
        expectBadInput(vars("first", 1, "after", "!!not-base64!!"), "after", "Invalid cursor in `after`");
        expectBadInput(vars("last", 1, "before", "dXNlcnM"), "before", "Invalid cursor in `before`");
        expectBadInput(vars("first", 1, "after", cursor, "orderBy", Map.of("field", "NAME")), "after",
                "Cursor `after` belongs to another order (CREATED_AT:ASC); start again without a cursor");
    }

    @Test
    void countsOnlyWhenTotalCountIsSelected() {
        createNamed("A", "B", "C");
        long before = database.statementCount();
        client.execute("{ users(first: 2) { nodes { name } } }");
        long withoutCount = database.statementCount() - before;
        before = database.statementCount();
        client.execute("{ users(first: 2) { nodes { name } totalCount } }").body("data.users.totalCount", equalTo(3));
        long withCount = database.statementCount() - before;
        assertEquals(1, withoutCount);
        assertEquals(2, withCount);
    }

    /**
     * A page reads role, version and the times only when it shows them or a cursor (UserService.list): each way of
     * selecting them must read them, in both query engines (a filter sends the query to SmallRye).
     */
    @Test
    void showsEveryDetailItSelectsWhicheverWayItIsSelected() {
        CreatedUser ada = Users.aUser().withName("A").withRole("ADMIN").create();
        Users.aUser().withName("B").create();
        Map<String, Object> expected = Map.of("name", "A", "role", "ADMIN", "version", ada.version(), "createdAt",
                ada.createdAt(), "updatedAt", ada.updatedAt());
        String details = "name role version createdAt updatedAt";
        Map<String, String> documents = Map.of(
                "{ users(first: 2) { nodes { %s } } }", "nodes[0]",
                "{ users(first: 2) { edges { node { %s } } } }", "edges[0].node",
                "{ users(first: 2) { nodes { ...Details } } } fragment Details on User { %s }", "nodes[0]",
                "{ users(first: 2) { nodes { name ... on User { %s } } } }", "nodes[0]",
                "{ listing: users(first: 2) { nodes { name } } users(first: 2) { nodes { %s } } }", "nodes[0]",
                "{ users(first: 2, filter: {nameContains: \"A\"}) { nodes { %s } } }", "nodes[0]");
        documents.forEach((document, path) -> assertEquals(expected, client.execute(document.formatted(details))
                .body("errors", nullValue()).extract().jsonPath().getMap("data.users." + path), document));
        // Without details: the listing columns only.
        client.execute("{ users(first: 2) { nodes { id name email } } }").body("errors", nullValue())
                .body("data.users.nodes.name", equalTo(List.of("A", "B")))
                .body("data.users.nodes[0].id", equalTo(ada.id()))
                .body("data.users.nodes[0].email", equalTo(ada.email()));
    }

    private JsonPath page(Map<String, Object> variables) {
        return client.execute(PAGE, variables).body("errors", nullValue()).extract().jsonPath()
                .setRootPath("data.users");
    }

    private void expectBadInput(Map<String, Object> variables, String field, String message) {
        client.execute(PAGE, variables)
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo(field))
                .body("errors[0].message", equalTo(message))
                .body("errors[0].path", equalTo(List.of("users")));
    }

    private static void createNamed(String... names) {
        for (String name : names) {
            Users.aUser().withName(name).create();
        }
    }

    static Map<String, Object> pageInfo(boolean hasNext, boolean hasPrevious, String start, String end) {
        Map<String, Object> info = new HashMap<>();
        info.put("hasNextPage", hasNext);
        info.put("hasPreviousPage", hasPrevious);
        info.put("startCursor", start);
        info.put("endCursor", end);
        return info;
    }
}

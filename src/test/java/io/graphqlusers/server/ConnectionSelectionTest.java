package io.graphqlusers.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Posts;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every connection field answers every selection a client may make of it: each non-empty subset of edge cursors,
 * edge nodes, nodes, the four page-info fields and the total, with the nodes' name or title alone or all their
 * scalar fields, forwards and backwards, from the start and from a cursor, with and without filters and orders. Each answer
 * must be the answer to the full selection with the same
 * arguments, cut down to what was selected: the same rows, cursors and counts, and no error. A page reads only the
 * columns its selection needs, so each subset takes its own path through the services.
 */
@QuarkusTest
class ConnectionSelectionTest {

    private static final List<String> USER_FIELDS = List.of("name", "id name email role createdAt updatedAt version");
    private static final List<String> POST_FIELDS = List.of("title", "id title body createdAt updatedAt version");
    /**
     * What a selection may pick, each on its own: the subsets of these are the selections tried. The last one selects
     * every scalar field of the nodes instead of just their name or title, which the columns a page reads depend on.
     */
    private static final List<String> PARTS = List.of("edges.cursor", "edges.node", "nodes", "pageInfo.hasNextPage",
            "pageInfo.hasPreviousPage", "pageInfo.startCursor", "pageInfo.endCursor", "totalCount", "allFields");
    private static final int ALL = (1 << PARTS.size()) - 1;

    @Inject
    Database database;

    private String prefix;
    private GraphQLClient caller;

    /** A connection field: the document around it, and where its connections are in the answer. */
    private record Connection(String name, List<String> nodeFields, String template, String filterAndOrder,
            Function<Map<String, Object>, List<Map<String, Object>>> connections) {
    }

    @BeforeEach
    void data() {
        prefix = Users.unique("Sel");
        // Three users with four posts each, one with none, and a caller with three posts of their own.
        database.insertUsersWithPosts(prefix, 3, 4);
        Users.aUser().withName(prefix + " without posts").create();
        caller = Users.aUser().withName(prefix + " caller").create().login();
        for (int n = 1; n <= 3; n++) {
            Posts.create(caller, "Post " + n + " of " + prefix + " caller");
        }
    }

    @Test
    void everySelectionOfEveryConnectionAnswersItsShareOfTheFullAnswer() {
        String users = "filter: {nameContains: \"" + prefix + "\"}";
        List<Connection> connections = List.of(
                new Connection("users", USER_FIELDS, "{ users(%s) %s }", users + ", orderBy: {field: NAME, direction: DESC}",
                        data -> List.of(object(data, "users"))),
                new Connection("posts", POST_FIELDS, "{ posts(%s) %s }",
                        "filter: {titleContains: \"" + prefix + "\"}, orderBy: {field: TITLE, direction: DESC}",
                        data -> List.of(object(data, "posts"))),
                new Connection("User.posts", POST_FIELDS,
                        "{ users(" + users + ", orderBy: {field: NAME}) { nodes { name posts(%s) %s } } }",
                        "orderBy: {field: TITLE, direction: DESC}",
                        data -> list(object(data, "users"), "nodes").stream().map(user -> object(user, "posts"))
                                .toList()),
                new Connection("me.posts", POST_FIELDS, "{ me { posts(%s) %s } }",
                        "orderBy: {field: TITLE, direction: DESC}",
                        data -> List.of(object(object(data, "me"), "posts"))));
        assertEquals(connectionFieldsOfTheSchema(), List.of("Query.posts", "Query.users", "User.posts"),
                "A connection field was added or removed: walk it here too");
        int documents = 0;
        for (Connection connection : connections) {
            for (String filterAndOrder : List.of("", connection.filterAndOrder())) {
                documents += walk(connection, filterAndOrder);
            }
        }
        // 4 connections x 2 filter/order variants x 5 page arguments x (447 selections + the full one): of the 511
        // non-empty subsets, 64 select all fields of no nodes.
        assertEquals(4 * 2 * 5 * 448, documents);
    }

    /** Every field of the schema whose type is a connection, as Type.field, sorted. */
    private List<String> connectionFieldsOfTheSchema() {
        List<Map<String, Object>> types = caller.execute("""
                { __schema { types { name fields { name type { name ofType { name } } } } } }
                """).extract().jsonPath().getList("data.__schema.types");
        List<String> fields = new ArrayList<>();
        for (Map<String, Object> type : types) {
            String typeName = (String) type.get("name");
            if (typeName.startsWith("__") || type.get("fields") == null) {
                continue;
            }
            for (Map<String, Object> field : list(type, "fields")) {
                Map<String, Object> fieldType = object(field, "type");
                String named = fieldType.get("name") != null ? (String) fieldType.get("name")
                        : (String) object(fieldType, "ofType").get("name");
                if (named != null && named.endsWith("Connection")) {
                    fields.add(typeName + "." + field.get("name"));
                }
            }
        }
        return fields.stream().sorted().toList();
    }

    /** All selections of one connection with one filter and order, for each kind of page; returns the documents sent. */
    private int walk(Connection connection, String filterAndOrder) {
        String all = selection(connection.nodeFields(), ALL);
        // A cursor from inside the list, to page from in both directions.
        List<Map<String, Object>> start = connections(connection, filterAndOrder, "first: 3", all);
        String cursor = (String) list(start.get(0), "edges").get(1).get("cursor");
        List<String> pages = List.of("", "first: 1", "first: 2, after: \"" + cursor + "\"", "last: 2",
                "last: 1, before: \"" + cursor + "\"");
        int sent = 1;
        for (String page : pages) {
            String arguments = String.join(", ", List.of(filterAndOrder, page).stream().filter(s -> !s.isEmpty())
                    .toList());
            List<Map<String, Object>> full = connections(connection, arguments, null, all);
            sent++;
            for (int subset = 1; subset <= ALL; subset++) {
                List<String> parts = subsetParts(subset);
                if (parts.contains("allFields") && !parts.contains("edges.node") && !parts.contains("nodes")) {
                    continue;
                }
                List<Map<String, Object>> expected = full.stream()
                        .map(c -> share(c, parts, connection.nodeFields())).toList();
                assertEquals(expected, connections(connection, arguments, null, selection(connection.nodeFields(),
                        subset)), connection.name() + "(" + arguments + ") " + selection(connection.nodeFields(), subset));
                sent++;
            }
        }
        return sent - 1;
    }

    /** The connections of an answer, which must have no errors. */
    private List<Map<String, Object>> connections(Connection connection, String arguments, String extra,
            String selection) {
        String args = extra == null ? arguments
                : String.join(", ", List.of(arguments, extra).stream()
                        .filter(s -> !s.isEmpty()).toList());
        String document = connection.template().formatted(args, selection).replace("()", "");
        Map<String, Object> body = caller.execute(document).extract().jsonPath().getMap("");
        assertNull(body.get("errors"), () -> document + " answered " + body);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        assertNotNull(data, document);
        return connection.connections().apply(data);
    }

    private static List<String> subsetParts(int subset) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < PARTS.size(); i++) {
            if ((subset & (1 << i)) != 0) {
                parts.add(PARTS.get(i));
            }
        }
        return parts;
    }

    private static String selection(List<String> fields, int subset) {
        List<String> parts = subsetParts(subset);
        String nodeFields = fields.get(parts.contains("allFields") ? 1 : 0);
        StringBuilder out = new StringBuilder("{");
        List<String> edge = new ArrayList<>();
        if (parts.contains("edges.cursor")) {
            edge.add("cursor");
        }
        if (parts.contains("edges.node")) {
            edge.add("node { " + nodeFields + " }");
        }
        if (!edge.isEmpty()) {
            out.append(" edges { ").append(String.join(" ", edge)).append(" }");
        }
        if (parts.contains("nodes")) {
            out.append(" nodes { ").append(nodeFields).append(" }");
        }
        List<String> pageInfo = parts.stream().filter(p -> p.startsWith("pageInfo.")).map(p -> p.substring(9))
                .toList();
        if (!pageInfo.isEmpty()) {
            out.append(" pageInfo { ").append(String.join(" ", pageInfo)).append(" }");
        }
        if (parts.contains("totalCount")) {
            out.append(" totalCount");
        }
        return out.append(" }").toString();
    }

    /** What of the full answer a selection of these parts shows, given the fields of its nodes. */
    private static Map<String, Object> share(Map<String, Object> full, List<String> parts, List<String> fields) {
        List<String> nodeFields = List.of(fields.get(parts.contains("allFields") ? 1 : 0).split(" "));
        Map<String, Object> out = new LinkedHashMap<>();
        if (parts.contains("edges.cursor") || parts.contains("edges.node")) {
            out.put("edges", list(full, "edges").stream().map(e -> {
                Map<String, Object> edge = new LinkedHashMap<>();
                if (parts.contains("edges.cursor")) {
                    edge.put("cursor", e.get("cursor"));
                }
                if (parts.contains("edges.node")) {
                    edge.put("node", keep(object(e, "node"), nodeFields));
                }
                return edge;
            }).toList());
        }
        if (parts.contains("nodes")) {
            out.put("nodes", list(full, "nodes").stream().map(n -> keep(n, nodeFields)).toList());
        }
        List<String> pageInfo = parts.stream().filter(p -> p.startsWith("pageInfo.")).map(p -> p.substring(9))
                .toList();
        if (!pageInfo.isEmpty()) {
            out.put("pageInfo", keep(object(full, "pageInfo"), pageInfo));
        }
        if (parts.contains("totalCount")) {
            out.put("totalCount", full.get("totalCount"));
        }
        return out;
    }

    private static Map<String, Object> keep(Map<String, Object> object, List<String> keys) {
        Map<String, Object> kept = new LinkedHashMap<>();
        keys.forEach(key -> kept.put(key, object.get(key)));
        return kept;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return (List<Map<String, Object>>) parent.get(key);
    }
}

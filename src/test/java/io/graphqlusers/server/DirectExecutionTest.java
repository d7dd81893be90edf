package io.graphqlusers.server;

import static io.graphqlusers.support.GraphQLClient.vars;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Posts;
import io.graphqlusers.support.Posts.CreatedPost;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The direct query engine ({@code server/execution}) against SmallRye's. Every query is sent twice: as written, which
 * the direct engine answers, and with an extra introspection root field, which only SmallRye answers; without that
 * field the two answers must be equal, to the byte order of the keys. The engine counters in the metrics show which
 * engine answered. Queries the direct engine must hand over (errors, rules that say no, unsupported arguments) are
 * checked for SmallRye's exact error answer.
 */
@QuarkusTest
class DirectExecutionTest {

    private static final Pattern ENGINE = Pattern
            .compile("graphql_users_query_engine_total\\{engine=\"(direct|smallrye)\",reason=\"([a-z]+)\"[^}]*} ([0-9.E]+)");
    private static final String SMALLRYE_ONLY = " __schema { description }";

    private final GraphQLClient admin = GraphQLClient.admin();
    private CreatedUser ada;
    private CreatedUser alan;
    private List<CreatedPost> posts;

    @BeforeEach
    void data() {
        ada = Users.aUser().withName("Ada \"Countess\" Lovelace — ü \\ 🙂").create();
        alan = Users.aUser().withName("Alan Turing").create();
        GraphQLClient asAda = ada.withMintedToken();
        posts = List.of(Posts.create(asAda, "First", "Body one\nwith a line break"), Posts.create(asAda, "Second"),
                Posts.create(asAda, "Third \u0001 control"));
    }

    @Test
    void scalarsAliasesAndTypename() {
        sameAnswerFromBothEngines(admin, "query($id: ID!) { %s }",
                "user(id: $id) { __typename id name who: name email role version createdAt updatedAt }",
                vars("id", ada.id()));
    }

    @Test
    void nestedPagesWithCursorsPageInfoAndBodies() {
        Map<String, Object> answer = sameAnswerFromBothEngines(admin, "query($id: ID!) { %s }", """
                user(id: $id) { id posts(first: 2) {
                  edges { cursor node { id title body createdAt updatedAt version __typename } }
                  nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
                """, vars("id", ada.id()));
        assertEquals(posts.get(0).id(), at(answer, "user", "posts", "nodes", 0, "id"));
        String end = (String) at(answer, "user", "posts", "pageInfo", "endCursor");
        Map<String, Object> next = sameAnswerFromBothEngines(admin, "query($id: ID!, $after: String) { %s }",
                "user(id: $id) { posts(first: 5, after: $after) { nodes { id title } pageInfo { hasNextPage hasPreviousPage } } }",
                vars("id", ada.id(), "after", end));
        assertEquals(List.of(Map.of("id", posts.get(2).id(), "title", "Third \u0001 control")),
                at(next, "user", "posts", "nodes"));
        sameAnswerFromBothEngines(admin, "query($id: ID!) { %s }",
                "user(id: $id) { posts(last: 2) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }",
                vars("id", ada.id()));
    }

    @Test
    void fragmentsDirectivesAndTwoPagesOfOneField() {
        String document = """
                query($id: ID!, $withPosts: Boolean!, $skipName: Boolean!) { %s }
                fragment Person on User { id name @skip(if: $skipName) }
                """;
        String selection = """
                user(id: $id) { ...Person ... on User { role } ... @include(if: $withPosts) {
                  one: posts(first: 1) { nodes { id } } three: posts(first: 3) { nodes { title } } } }
                """;
        for (boolean flag : List.of(true, false)) {
            sameAnswerFromBothEngines(admin, document, selection,
                    vars("id", ada.id(), "withPosts", flag, "skipName", flag));
        }
    }

    /**
     * Field collections are kept per document when no condition depends on a variable: the same document answered
     * again (from what was kept), a fragment used under two parents, literal conditions, aliases of one field.
     */
    @Test
    void aDocumentAnsweredAgainFromItsKeptCollections() {
        String document = """
                query($id: ID!, $other: ID!) { %s }
                fragment Person on User { id name @include(if: true) role @skip(if: true)
                  posts(first: 2) @include(if: true) { nodes { id ...Titled } } }
                fragment Titled on Post { title }
                """;
        String selection = """
                first: user(id: $id) { ...Person email } second: user(id: $other) { ...Person
                  posts(first: 2) { nodes { body } } }
                """;
        for (int i = 0; i < 3; i++) {
            Map<String, Object> answer = sameAnswerFromBothEngines(admin, document, selection,
                    vars("id", ada.id(), "other", i % 2 == 0 ? alan.id() : ada.id()));
            assertEquals(Map.of("id", ada.id(), "name", ada.name(), "email", ada.email(), "posts",
                    Map.of("nodes", List.of(Map.of("id", posts.get(0).id(), "title", "First"),
                            Map.of("id", posts.get(1).id(), "title", "Second")))),
                    answer.get("first"));
        }
    }

    @Test
    void pagesOfUsersWithTheirPosts() {
        sameAnswerFromBothEngines(admin, "{ %s }", """
                users(first: 5) { edges { cursor node { id name email posts(first: 2) { nodes { id } } } }
                  pageInfo { hasNextPage startCursor endCursor } }
                """, Map.of());
    }

    /**
     * Every field SmallRye resolves with a method is resolved with that method here too, with its arguments converted
     * by SmallRye: input objects, counts, a batch field, the caller.
     */
    @Test
    void inputObjectsCountsBatchFieldsAndTheCaller() {
        CreatedUser grace = Users.aUser().withName(Users.unique("Grace")).create();
        GraphQLClient asGrace = grace.withMintedToken();
        String topic = Users.unique("topic");
        for (String title : List.of("a " + topic, "c " + topic, "b " + topic)) {
            Posts.create(asGrace, title, "About " + title);
        }
        Map<String, Object> answer = sameAnswerFromBothEngines(admin, "query($name: String!, $topic: String!) { %s }",
                """
                        users(filter: {nameContains: $name}, orderBy: {field: NAME, direction: DESC}) { totalCount
                          nodes { name posts(orderBy: {field: TITLE, direction: DESC}, first: 2) { totalCount
                            nodes { title author { name } } } } }
                        posts(filter: {titleContains: $topic}, first: 2) { totalCount edges { node { title body } } }
                        """,
                vars("name", grace.name(), "topic", topic));
        Map<String, Object> author = Map.of("name", grace.name());
        assertEquals(Map.of("totalCount", 1, "nodes", List.of(Map.of("name", grace.name(), "posts",
                Map.of("totalCount", 3, "nodes", List.of(Map.of("title", "c " + topic, "author", author),
                        Map.of("title", "b " + topic, "author", author)))))),
                answer.get("users"));
        assertEquals(Map.of("totalCount", 3, "edges",
                List.of(Map.of("node", Map.of("title", "a " + topic, "body", "About a " + topic)),
                        Map.of("node", Map.of("title", "c " + topic, "body", "About c " + topic)))),
                answer.get("posts"));
        assertEquals(Map.of("id", grace.id(), "email", grace.email()),
                sameAnswerFromBothEngines(asGrace, "{ %s }", "me { id email }", Map.of()).get("me"));
        assertEquals(Map.of("title", "First", "body", "Body one\nwith a line break"),
                sameAnswerFromBothEngines(admin, "query($id: ID!) { %s }", "post(id: $id) { title body }",
                        vars("id", posts.get(0).id())).get("post"));
    }

    /** {@code node} and {@code nodes} return the Node interface: each object is answered as its own type. */
    @Test
    void interfacesAnswerEachObjectAsItsOwnType() {
        Map<String, Object> answer = sameAnswerFromBothEngines(admin, """
                query($id: ID!, $ids: [ID!]!) { %s }
                fragment Named on Node { ... on User { name email } ... on Post { title } }
                """, """
                node(id: $id) { __typename id ... on User { role } }
                nodes(ids: $ids) { __typename id ...Named ... on Post { author { id } } }
                """, vars("id", ada.id(), "ids", List.of(posts.get(0).id(), ada.id(), "VXNlcjo5OTk5OTk5OTk", alan.id())));
        assertEquals(Map.of("__typename", "User", "id", ada.id(), "role", "USER"), answer.get("node"));
        List<?> nodes = (List<?>) answer.get("nodes");
        assertEquals(Map.of("__typename", "Post", "id", posts.get(0).id(), "title", "First", "author",
                Map.of("id", ada.id())), nodes.get(0));
        assertEquals(Map.of("__typename", "User", "id", ada.id(), "name", ada.name(), "email", ada.email()),
                nodes.get(1));
        assertEquals(null, nodes.get(2));
        assertEquals(alan.name(), ((Map<?, ?>) nodes.get(3)).get("name"));
    }

    @Test
    void fieldRulesApplyToTheCaller() {
        GraphQLClient asAlan = alan.withMintedToken();
        Map<String, Object> answer = sameAnswerFromBothEngines(asAlan, "query($ada: ID!, $alan: ID!) { %s }",
                "ada: user(id: $ada) { email } alan: user(id: $alan) { email }", vars("ada", ada.id(), "alan", alan.id()));
        assertEquals(null, at(answer, "ada", "email"));
        assertEquals(alan.email(), at(answer, "alan", "email"));
    }

    @Test
    void unknownIdIsNull() {
        Map<String, Object> answer = sameAnswerFromBothEngines(admin, "query($id: ID!) { %s }", "user(id: $id) { id }",
                vars("id", "VXNlcjo5OTk5OTk5OTk"));
        assertEquals(null, answer.get("user"));
    }

    @Test
    void errorsAreSmallRyesAnswers() {
        long direct = count("direct");
        long smallrye = count("smallrye");
        GraphQLClient.anonymous().execute("query($id: ID!) { user(id: $id) { id } }", vars("id", ada.id()))
                .body("data.user", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                .body("errors[0].path", equalTo(List.of("user")));
        admin.execute("query($id: ID!) { user(id: $id) { posts(first: 1000) { nodes { id } } } }", vars("id", ada.id()))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].path", equalTo(List.of("user", "posts")));
        admin.execute("query($id: ID!) { user(id: $id) { posts(after: \"nonsense\") { nodes { id } } } }",
                vars("id", ada.id()))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        assertEquals(direct, count("direct"));
        assertEquals(smallrye + 3, count("smallrye"));
    }

    @Test
    void eachHandOverIsCountedWithItsReason() {
        record Case(String document, Map<String, ?> variables, String reason) {
        }
        for (Case handOver : List.of(
                new Case("query($n: Int!) { users(first: $n) { nodes { id } } }", Map.of(), "error"),
                new Case("{ __schema { description } }", Map.of(), "selection"),
                new Case("query($id: ID!) { user(id: $id) { posts(first: 1000) { nodes { id } } } }", vars("id", ada.id()),
                        "error"))) {
            long before = count("smallrye", handOver.reason());
            admin.execute(handOver.document(), handOver.variables());
            assertEquals(before + 1, count("smallrye", handOver.reason()), handOver.document());
        }
        // A rule that says no (here, no token) is an error for SmallRye to report too, not a failure.
        long before = count("smallrye", "error");
        GraphQLClient.anonymous().execute("query($id: ID!) { user(id: $id) { id } }", vars("id", ada.id()));
        assertEquals(before + 1, count("smallrye", "error"));
        assertEquals(0, count("smallrye", "failure"));
        given().get("/q/metrics").then().body(containsString("graphql_users_direct_execution_enabled 1.0"));
    }

    /**
     * Sends {@code document} with {@code selection} as its root selection, then with an introspection field added,
     * and checks that the first went to the direct engine, the second to SmallRye, and both gave the same data.
     */
    private Map<String, Object> sameAnswerFromBothEngines(GraphQLClient client, String document, String selection,
            Map<String, ?> variables) {
        long direct = count("direct");
        long smallrye = count("smallrye");
        Map<String, Object> fast = data(client, document.formatted(selection), variables);
        assertEquals(direct + 1, count("direct"), "answered by the direct engine");
        Map<String, Object> reference = data(client, document.formatted(selection + SMALLRYE_ONLY), variables);
        assertEquals(smallrye + 1, count("smallrye"), "answered by SmallRye");
        reference.remove("__schema");
        assertEquals(reference, fast);
        assertEquals(List.copyOf(reference.keySet()), List.copyOf(fast.keySet()));
        return fast;
    }

    private static Map<String, Object> data(GraphQLClient client, String document, Map<String, ?> variables) {
        Map<String, Object> data = client.execute(document, variables).body("errors", nullValue()).extract()
                .jsonPath().getMap("data");
        assertNotNull(data);
        return new LinkedHashMap<>(data);
    }

    /** Queries the engine answered, whatever the reason they were handed to it. */
    private static long count(String engine) {
        return count(engine, null);
    }

    private static long count(String engine, String reason) {
        Matcher matcher = ENGINE.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        long total = 0;
        while (matcher.find()) {
            if (matcher.group(1).equals(engine) && (reason == null || matcher.group(2).equals(reason))) {
                total += (long) Double.parseDouble(matcher.group(3));
            }
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> data, Object... path) {
        Object current = data;
        for (Object step : path) {
            current = step instanceof Integer index ? ((List<Object>) current).get(index)
                    : ((Map<String, Object>) current).get(step);
        }
        return current;
    }
}

package io.graphqlusers.node;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NodeTest {

    private static final String NODE = "query($id: ID!) { node(id: $id) { __typename id ... on User { name email } } }";
    private static final String NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on User { name } } }";

    private final GraphQLClient client = GraphQLClient.admin();

    @Test
    void resolvesUserByGlobalId() {
        CreatedUser user = Users.aUser().withName("Node Person").create();
        client.execute(NODE, vars("id", user.id()))
                .body("errors", nullValue())
                .body("data.node", equalTo(Map.of("__typename", "User", "id", user.id(), "name", "Node Person",
                        "email", user.email())));
    }

    @Test
    void unknownIdResolvesToNull() {
        client.execute(NODE, vars("id", id("User:888888888")))
                .body("errors", nullValue())
                .body("data.node", nullValue());
    }

    @Test
    void malformedOrForeignIdIsBadUserInput() {
        for (String bad : List.of("garbage!", id("Nope:1"), id("User"), id("User:abc"))) {
            client.execute(NODE, vars("id", bad))
                    .body("data.node", nullValue())
                    .body("errors", hasSize(1))
                    .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                    .body("errors[0].extensions.field", equalTo("id"));
        }
    }

    @Test
    void nodesKeepsOrderDuplicatesAndNullsForUnknownIds() {
        CreatedUser a = Users.aUser().withName("First").create();
        CreatedUser b = Users.aUser().withName("Second").create();
        String unknown = id("User:777777777");
        List<Map<String, Object>> expected = new ArrayList<>();
        expected.add(Map.of("__typename", "User", "id", b.id(), "name", "Second"));
        expected.add(null);
        expected.add(Map.of("__typename", "User", "id", a.id(), "name", "First"));
        expected.add(Map.of("__typename", "User", "id", b.id(), "name", "Second"));
        client.execute(NODES, vars("ids", List.of(b.id(), unknown, a.id(), b.id())))
                .body("errors", nullValue())
                .body("data.nodes", equalTo(expected));
    }

    @Test
    void nodesAcceptsLiteralIdList() {
        CreatedUser a = Users.aUser().create();
        client.execute("{ nodes(ids: [\"" + a.id() + "\"]) { id } }")
                .body("data.nodes", equalTo(List.of(Map.of("id", a.id()))));
    }

    @Test
    void nodesRejectsAnyMalformedIdAndReturnsNoData() {
        CreatedUser a = Users.aUser().create();
        client.execute(NODES, vars("ids", List.of(a.id(), "???")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo("ids"));
    }

    @Test
    void nodesRejectsMoreIdsThanAPage() {
        List<String> ids = new ArrayList<>(Collections.nCopies(101, id("User:1")));
        client.execute(NODES, vars("ids", ids))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].message", equalTo("At most 100 IDs per request"));
        client.execute(NODES, vars("ids", Arrays.asList(ids.subList(0, 100).toArray()))).body("errors", nullValue());
    }

    private static String id(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}

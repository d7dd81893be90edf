package io.graphqlusers.auth;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;

/** {@code User.email} is visible to the user themself and to ADMINs, and null for everyone else. */
@QuarkusTest
class EmailVisibilityTest {

    private static final String BOTH = "query($a: ID!, $b: ID!) { a: user(id: $a) { email } b: user(id: $b) { email } }";

    @Test
    void userSeesOwnEmailButNotOthers() {
        CreatedUser me = Users.aUser().create();
        CreatedUser other = Users.aUser().create();
        me.login().execute(BOTH, vars("a", me.id(), "b", other.id()))
                .body("errors", nullValue())
                .body("data.a.email", equalTo(me.email()))
                .body("data.b.email", nullValue());
    }

    @Test
    void adminSeesEveryEmail() {
        CreatedUser admin = Users.aUser().withRole("ADMIN").create();
        CreatedUser first = Users.aUser().create();
        CreatedUser second = Users.aUser().create();
        admin.login().execute(BOTH, vars("a", first.id(), "b", second.id()))
                .body("data.a.email", equalTo(first.email()))
                .body("data.b.email", equalTo(second.email()));
    }

    @Test
    void ruleAppliesInListsAndToNodes() {
        String tag = Users.unique("visibility");
        CreatedUser me = Users.aUser().withName(tag + " me").create();
        CreatedUser other = Users.aUser().withName(tag + " other").create();
        GraphQLClient client = me.login();
        client.execute("query($f: UserFilter) { users(filter: $f) { nodes { email } } }",
                vars("f", Map.of("nameContains", tag)))
                .body("data.users.nodes.email", equalTo(Arrays.asList(me.email(), null)));
        client.execute("query($ids: [ID!]!) { nodes(ids: $ids) { ... on User { email } } }",
                vars("ids", List.of(other.id(), me.id())))
                .body("data.nodes.email", equalTo(Arrays.asList(null, me.email())));
    }

    @Test
    void onlyThoseWhoMayReadEveryEmailMayFilterByIt() {
        // A count of matches, narrowed by name and widened a letter at a time, would spell out any address.
        String tag = Users.unique("oracle");
        CreatedUser me = Users.aUser().withName(tag + " me").create();
        CreatedUser target = Users.aUser().withName(tag + " target").withEmail(tag + "secret@example.com").create();
        String count = "query($f: UserFilter) { users(filter: $f) { totalCount nodes { id } } }";
        Map<String, Object> probe = Map.of("nameContains", tag + " target", "emailContains", tag + "secret");
        for (Map<String, ?> filter : List.<Map<String, ?>> of(probe, Map.of("emailContains", me.email()))) {
            me.login().execute(count, vars("f", filter))
                    .body("data", nullValue())
                    .body("errors.size()", equalTo(1))
                    .body("errors[0].message", equalTo("Only ADMINs may filter users by email"))
                    .body("errors[0].path", equalTo(List.of("users")))
                    .body("errors[0].extensions", equalTo(Map.of("code", "FORBIDDEN", "field", "filter.emailContains")));
        }
        GraphQLClient.admin().execute(count, vars("f", probe))
                .body("errors", nullValue())
                .body("data.users.totalCount", equalTo(1))
                .body("data.users.nodes.id", equalTo(List.of(target.id())));
        // Filters on what a USER may read are unchanged.
        me.login().execute(count, vars("f", Map.of("nameContains", tag)))
                .body("errors", nullValue())
                .body("data.users.totalCount", equalTo(2));
    }

    @Test
    void updatePayloadFollowsTheRuleToo() {
        CreatedUser me = Users.aUser().create();
        me.login().execute("mutation($id: ID!) { updateUser(input: {id: $id, name: \"Same Rules\"}) { user { email } } }",
                vars("id", me.id()))
                .body("data.updateUser.user.email", equalTo(me.email()));
    }

    @Test
    void schemaDescribesTheRule() {
        GraphQLClient.anonymous().execute("{ __type(name: \"User\") { fields { name description } } }")
                .body("data.__type.fields.find { it.name == 'email' }.description", equalTo(
                        "Email address, stored in lower case and unique regardless of case. Visible only to the user "
                                + "themself and to ADMINs; null for everyone else."));
    }
}

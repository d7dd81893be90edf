package io.graphqlusers.auth;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Each protected operation against no token and tokens with exactly one defect each. A defective token is refused
 * before GraphQL runs: HTTP 401 with a GraphQL error body; a missing token reaches GraphQL and gets UNAUTHENTICATED
 * from the guarded field.
 */
@QuarkusTest
class TokenValidationTest {

    private static final String USERS = "{ users { totalCount } }";

    @Test
    void withoutTokenProtectedOperationsAreUnauthenticated() {
        Map<String, String> operations = Map.of(
                "users", USERS,
                "user", "{ user(id: \"VXNlcjox\") { id } }",
                "node", "{ node(id: \"VXNlcjox\") { id } }",
                "nodes", "{ nodes(ids: [\"VXNlcjox\"]) { id } }",
                "createUser", "mutation { createUser(input: {name: \"A\", email: \"a@example.com\", password: \"12345678\"})"
                        + " { user { id } } }",
                "updateUser", "mutation { updateUser(input: {id: \"VXNlcjox\", name: \"B\"}) { user { id } } }",
                "deleteUser", "mutation { deleteUser(input: {id: \"VXNlcjox\"}) { deletedId } }");
        operations.forEach((field, document) -> GraphQLClient.anonymous().execute(document)
                .body("errors", hasSize(1))
                .body("errors[0].message", equalTo("Authentication required"))
                .body("errors[0].extensions", equalTo(Map.of("code", "UNAUTHENTICATED")))
                .body("errors[0].path", equalTo(List.of(field))));
    }

    @Test
    void meWithoutTokenIsNull() {
        GraphQLClient.anonymous().execute("{ me { id } }").body("errors", nullValue()).body("data.me", nullValue());
    }

    @Test
    void validTokenIsAccepted() {
        CreatedUser user = Users.aUser().create();
        GraphQLClient.withToken(TestTokens.valid(user.id(), user.email(), "USER")).execute("{ me { id } }")
                .body("data.me.id", equalTo(user.id()));
    }

    @Test
    void malformedTokenIsRejected() {
        expectRejected("not-a-jwt");
        expectRejected("a.b.c");
    }

    @Test
    void unsignedTokenIsRejected() {
        CreatedUser user = Users.aUser().create();
        expectRejected(TestTokens.algNone(user.id()));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        CreatedUser user = Users.aUser().create();
        expectRejected(TestTokens.wrongSignature(user.id(), user.email(), "ADMIN"));
    }

    @Test
    void tokenOfAnotherIssuerIsRejected() {
        CreatedUser user = Users.aUser().create();
        expectRejected(TestTokens.wrongIssuer(user.id(), user.email(), "USER"));
    }

    @Test
    void expiredTokenIsRejected() {
        CreatedUser user = Users.aUser().create();
        expectRejected(TestTokens.expired(user.id(), user.email(), "USER"));
    }

    @Test
    void tokenOfADeletedUserWorksUntilItExpiresButNamesNobody() {
        CreatedUser user = Users.aUser().create();
        GraphQLClient client = user.login();
        GraphQLClient.admin().execute("mutation($id: ID!) { deleteUser(input: {id: $id}) { deletedId } }",
                vars("id", user.id()));
        client.execute("{ me { id } }").body("errors", nullValue()).body("data.me", nullValue());
        client.execute("mutation($id: ID!) { updateUser(input: {id: $id, name: \"Ghost\"}) { user { id } } }",
                vars("id", user.id()))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    private static void expectRejected(String token) {
        GraphQLClient.withToken(token).request().contentType(ContentType.JSON)
                .body(GraphQLClient.body(USERS, Map.of())).post("/graphql").then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .contentType(ContentType.JSON)
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].message", equalTo("The bearer token is invalid or expired"))
                .body("errors[0].extensions", equalTo(Map.of("code", "UNAUTHENTICATED")));
    }
}

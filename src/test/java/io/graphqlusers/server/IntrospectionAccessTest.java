package io.graphqlusers.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * Production's rule for the schema ({@code app.introspection.roles=ADMIN}): introspection and the schema document
 * for ADMIN tokens only, refused with UNAUTHENTICATED without a token and FORBIDDEN with another, however the
 * introspection field is reached; {@code __typename} is data, not the schema, and stays open.
 */
@QuarkusTest
@TestProfile(IntrospectionAccessTest.ProductionRule.class)
class IntrospectionAccessTest {

    private static final String SCHEMA = "{ __schema { queryType { name } } }";
    private static final String TYPE_IN_FRAGMENT = "query { ...Types } fragment Types on Query { __type(name: \"User\") { name } }";

    @Test
    void anonymousCallersAreAskedForAToken() {
        for (String document : new String[] { SCHEMA, TYPE_IN_FRAGMENT }) {
            GraphQLClient.anonymous().execute(document).body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                    .body("errors[0].extensions.field", equalTo("__schema"))
                    .body("errors[0].message", containsString("ADMIN"));
        }
        schemaDocument(given()).statusCode(401).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void usersAreForbidden() {
        CreatedUser user = Users.aUser().create();
        for (String document : new String[] { SCHEMA, TYPE_IN_FRAGMENT, "{ me { id } " + SCHEMA.substring(1) }) {
            user.withMintedToken().execute(document).body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                    .body("errors.size()", equalTo(1));
        }
        schemaDocument(given().auth().oauth2(TestTokens.valid(user.id(), user.email(), "USER"))).statusCode(403)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        user.withMintedToken().execute("{ __typename me { __typename } }")
                .body("data", equalTo(Map.of("__typename", "Query", "me", Map.of("__typename", "User"))));
    }

    @Test
    void adminsReadTheSchema() {
        GraphQLClient.admin().execute(SCHEMA).body("data.__schema.queryType.name", equalTo("Query"))
                .body("errors", nullValue());
        GraphQLClient.admin().execute(TYPE_IN_FRAGMENT).body("data.__type.name", equalTo("User"));
        schemaDocument(given().auth().oauth2(TestTokens.admin())).statusCode(200).body(containsString("type Query"));
    }

    private static io.restassured.response.ValidatableResponse schemaDocument(RequestSpecification request) {
        return request.get("/graphql/schema.graphql").then();
    }

    public static class ProductionRule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.introspection.roles", "ADMIN");
        }
    }
}

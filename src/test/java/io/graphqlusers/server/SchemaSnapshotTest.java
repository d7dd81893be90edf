package io.graphqlusers.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema is generated from Java types; this keeps a reviewed copy in src/test/resources/schema.graphql so every
 * change to it shows up in review. After an intended change, regenerate the copy with
 * {@code ./mvnw test -Dtest=SchemaSnapshotTest -Dschema.update=true} and commit it.
 * <p>
 * Tools get the same schema: the reviewed copy must build on its own, as SDL tools build it, and the standard
 * introspection query of graphql-js (what GraphiQL, graphql-codegen and Apollo send) must give back the same schema.
 */
@QuarkusTest
class SchemaSnapshotTest {

    private static final Path SNAPSHOT = Path.of("src/test/resources/schema.graphql");
    /** graphql-js 17.1.0 {@code getIntrospectionQuery()}, as it is and with every option on. */
    private static final List<String> INTROSPECTION_QUERIES = List.of("graphql-js-default.graphql",
            "graphql-js-all-options.graphql");
    /** Types only: the printed directive definitions are graphql-java's built-ins on both sides. */
    private static final SchemaPrinter PRINTER = new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
            .includeScalarTypes(true).includeDirectiveDefinitions(false));

    @Test
    void servedSchemaMatchesTheReviewedCopy() throws IOException {
        String served = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(SNAPSHOT, served, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(SNAPSHOT, StandardCharsets.UTF_8), served,
                "The GraphQL schema changed. If intended, run with -Dschema.update=true and commit the new snapshot.");
    }

    @Test
    void reviewedCopyBuildsAsACompleteSchema() throws IOException {
        // Fails on any type used but not declared (a scalar left out of the document, say).
        GraphQLSchema schema = reviewed();
        assertEquals("Query", schema.getQueryType().getName());
    }

    @Test
    void standardIntrospectionGivesTheReviewedSchemaToEveryCaller() throws IOException {
        String expected = PRINTER.print(reviewed());
        List<GraphQLClient> callers = List.of(GraphQLClient.anonymous(), Users.aUser().create().withMintedToken(),
                GraphQLClient.admin());
        for (String name : INTROSPECTION_QUERIES) {
            String query = resource("introspection/" + name);
            for (GraphQLClient caller : callers) {
                Map<String, Object> body = caller.execute(query).extract().jsonPath().getMap("");
                assertNull(body.get("errors"), () -> name + " answered " + body.get("errors"));
                @SuppressWarnings("unchecked")
                Document document = new IntrospectionResultToSchema()
                        .createSchemaDefinition((Map<String, Object>) body.get("data"));
                GraphQLSchema client = UnExecutableSchemaGenerator
                        .makeUnExecutableSchema(new SchemaParser().buildRegistry(document));
                assertEquals(expected, PRINTER.print(client), name);
            }
        }
    }

    private static GraphQLSchema reviewed() throws IOException {
        return UnExecutableSchemaGenerator
                .makeUnExecutableSchema(new SchemaParser().parse(Files.readString(SNAPSHOT, StandardCharsets.UTF_8)));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SchemaSnapshotTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("No test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

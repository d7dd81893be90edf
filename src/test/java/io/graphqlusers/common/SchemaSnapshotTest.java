package io.graphqlusers.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema is generated from Java types; this keeps a reviewed copy in src/test/resources/schema.graphql so every
 * change to it shows up in review. After an intended change, regenerate the copy with
 * {@code ./mvnw test -Dtest=SchemaSnapshotTest -Dschema.update=true} and commit it.
 */
@QuarkusTest
class SchemaSnapshotTest {

    private static final Path SNAPSHOT = Path.of("src/test/resources/schema.graphql");

    @Test
    void servedSchemaMatchesTheReviewedCopy() throws IOException {
        String served = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(SNAPSHOT, served, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(SNAPSHOT, StandardCharsets.UTF_8), served,
                "The GraphQL schema changed. If intended, run with -Dschema.update=true and commit the new snapshot.");
    }
}

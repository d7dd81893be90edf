package io.graphqlusers.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Sends GraphQL documents over HTTP the way a client does: a JSON body with {@code query} and {@code variables},
 * built by a JSON builder, never by string concatenation.
 */
public final class GraphQLClient {

    private final String bearerToken;

    private GraphQLClient(String bearerToken) {
        this.bearerToken = bearerToken;
    }

    public static GraphQLClient anonymous() {
        return new GraphQLClient(null);
    }

    /** A client sending {@code Authorization: Bearer <token>}. */
    public static GraphQLClient withToken(String token) {
        return new GraphQLClient(token);
    }

    /** An ADMIN for setting up and inspecting data; not a stored user. */
    public static GraphQLClient admin() {
        return new GraphQLClient(TestTokens.admin());
    }

    /** Posts the document and checks that a GraphQL response (HTTP 200, JSON) came back. */
    public ValidatableResponse execute(String document, Map<String, ?> variables) {
        return post(body(document, variables)).then().statusCode(200).contentType(ContentType.JSON);
    }

    public ValidatableResponse execute(String document) {
        return execute(document, Map.of());
    }

    /** Posts a raw body with the given content type, for transport-level checks. */
    public ValidatableResponse postRaw(String body, String contentType) {
        return request().contentType(contentType).body(body).post("/graphql").then();
    }

    public RequestSpecification request() {
        RequestSpecification request = given();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return request;
    }

    private Response post(String body) {
        return request().contentType(ContentType.JSON).body(body).post("/graphql");
    }

    public static String body(String document, Map<String, ?> variables) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("query", document);
        if (!variables.isEmpty()) {
            body.add("variables", Json.createObjectBuilder(new LinkedHashMap<String, Object>(variables)));
        }
        return body.build().toString();
    }

    /** Variables from alternating names and values; a null value is sent as JSON null. */
    public static Map<String, Object> vars(Object... namesAndValues) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }
}

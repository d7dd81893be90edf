package io.graphqlusers.server.http;

import java.util.Locale;

/** Content negotiation for the GraphQL endpoint, per the GraphQL-over-HTTP specification. */
final class MediaTypes {

    private MediaTypes() {
    }

    /**
     * The response media type for an {@code Accept} header, or null when the client accepts neither. A client
     * that names {@code application/graphql-response+json} gets it; one that sends no header or only wildcards
     * gets {@code application/json}, as the specification asks of servers during the legacy transition.
     */
    static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return GraphQLHttpHandler.JSON;
        }
        double graphqlResponse = 0;
        double json = 0;
        double wildcard = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            switch (type) {
                case GraphQLHttpHandler.GRAPHQL_RESPONSE_JSON -> graphqlResponse = Math.max(graphqlResponse, q);
                case GraphQLHttpHandler.JSON -> json = Math.max(json, q);
                case "*/*", "application/*" -> wildcard = Math.max(wildcard, q);
                default -> {
                }
            }
        }
        if (graphqlResponse > 0 && graphqlResponse >= json) {
            return GraphQLHttpHandler.GRAPHQL_RESPONSE_JSON;
        }
        return json > 0 || wildcard > 0 ? GraphQLHttpHandler.JSON : null;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /**
     * {@code application/json}, with any parameters (charset). The media type is the header's first element: the
     * GraphiQL that SmallRye bundles sends {@code application/json, application/json} (its default headers and
     * GraphiQL's own, merged by the browser). No value whose first element is {@code application/json} is a
     * CORS-safelisted content type, so tolerating repeats still forces cross-site pages through a preflight.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.length();
        for (int i = 0; i < contentType.length(); i++) {
            char c = contentType.charAt(i);
            if (c == ';' || c == ',') {
                end = i;
                break;
            }
        }
        return contentType.substring(0, end).trim().equalsIgnoreCase(GraphQLHttpHandler.JSON);
    }
}

package io.graphqlusers.server.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

/**
 * An error as clients receive it. graphql-java's own error objects add {@code classification} to the extensions
 * when serialised; this one writes exactly {@code message}, {@code locations} and {@code path} when known, and
 * the extensions {@link ErrorTranslator} chose.
 */
record ClientError(String message, List<SourceLocation> locations, List<Object> path, Map<String, Object> extensions)
        implements
            GraphQLError {

    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorClassification.errorClassification(String.valueOf(extensions.get("code")));
    }

    @Override
    public Map<String, Object> toSpecification() {
        Map<String, Object> specification = new LinkedHashMap<>();
        specification.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            specification.put("locations", locations.stream().map(ClientError::location).toList());
        }
        if (path != null && !path.isEmpty()) {
            specification.put("path", path);
        }
        specification.put("extensions", extensions);
        return specification;
    }

    private static Map<String, Object> location(SourceLocation location) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", location.getLine());
        json.put("column", location.getColumn());
        return json;
    }
}

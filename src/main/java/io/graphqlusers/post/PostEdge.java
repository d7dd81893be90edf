package io.graphqlusers.post;

import org.eclipse.microprofile.graphql.NonNull;

public record PostEdge(@NonNull String cursor, @NonNull Post node) {
}

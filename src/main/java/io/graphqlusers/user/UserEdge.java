package io.graphqlusers.user;

import org.eclipse.microprofile.graphql.NonNull;

public record UserEdge(@NonNull String cursor, @NonNull User node) {
}

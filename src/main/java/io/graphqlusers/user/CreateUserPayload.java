package io.graphqlusers.user;

import org.eclipse.microprofile.graphql.NonNull;

public record CreateUserPayload(@NonNull User user) {
}

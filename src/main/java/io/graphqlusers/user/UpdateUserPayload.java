package io.graphqlusers.user;

import org.eclipse.microprofile.graphql.NonNull;

public record UpdateUserPayload(@NonNull User user) {
}

package io.graphqlusers.post;

import org.eclipse.microprofile.graphql.NonNull;

public record UpdatePostPayload(@NonNull Post post) {
}

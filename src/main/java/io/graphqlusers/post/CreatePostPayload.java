package io.graphqlusers.post;

import org.eclipse.microprofile.graphql.NonNull;

public record CreatePostPayload(@NonNull Post post) {
}

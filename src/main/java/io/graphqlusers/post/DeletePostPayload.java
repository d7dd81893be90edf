package io.graphqlusers.post;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

public record DeletePostPayload(@Id @NonNull @Description("Global ID of the deleted post.") String deletedId) {
}

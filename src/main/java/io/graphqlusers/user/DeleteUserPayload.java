package io.graphqlusers.user;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

public record DeleteUserPayload(@Id @NonNull @Description("Global ID of the deleted user.") String deletedId) {
}

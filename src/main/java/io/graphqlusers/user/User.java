package io.graphqlusers.user;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.common.node.GlobalId;
import io.graphqlusers.common.node.Node;
import io.quarkus.runtime.annotations.RegisterForReflection;

@Name("User")
@Description("A person with an account.")
// Redis copies are JSON-B (Yasson), which reads records reflectively; native images need that registered.
// On a page that does not show them, role, version and the times are left unread (null, 0): UserService.list.
@RegisterForReflection
public record User(
        String id,
        @NonNull @Description("Display name, 1 to 100 characters.") String name,
        @Ignore String email,
        @NonNull Role role,
        @NonNull @Description("Version for optimistic locking; pass it to `updateUser` to reject stale writes.") int version,
        @NonNull @Description("When the account was created.") OffsetDateTime createdAt,
        @NonNull @Description("When the account last changed.") OffsetDateTime updatedAt,
        @Ignore long databaseId) implements Node {

    static final String TYPE = "User";

    @Override
    @Id
    @NonNull
    @Description("Global ID of the user.")
    public String getId() {
        return id;
    }

    static User from(UserEntity entity) {
        return new User(GlobalId.encode(TYPE, entity.id), entity.name, entity.email, entity.role,
                Math.toIntExact(entity.version),
                entity.createdAt.atOffset(ZoneOffset.UTC), entity.updatedAt.atOffset(ZoneOffset.UTC), entity.id);
    }
}

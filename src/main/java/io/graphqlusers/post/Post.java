package io.graphqlusers.post;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.common.node.Node;

/**
 * A post as the API shows it. {@code body} is null when the query that loaded it did not select the body, and so are
 * the times (version 0) on a page that shows neither them nor cursors (they are then never serialised);
 * {@code author} is resolved in batches from {@code authorId}.
 */
@Name("Post")
@Description("Something a user wrote.")
public record Post(
        String id,
        @NonNull @Description("1 to 200 characters after trimming.") String title,
        @NonNull @Description("Up to 20,000 characters.") String body,
        @NonNull @Description("Version for optimistic locking; pass it to `updatePost` to reject stale writes.") int version,
        @NonNull @Description("When the post was created.") OffsetDateTime createdAt,
        @NonNull @Description("When the post last changed.") OffsetDateTime updatedAt,
        @Ignore long authorId,
        @Ignore long databaseId) implements Node {

    public static final String TYPE = "Post";

    @Override
    @Id
    @NonNull
    @Description("Global ID of the post.")
    public String getId() {
        return id;
    }
}

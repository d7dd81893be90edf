package io.graphqlusers.post;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.graphqlusers.common.events.DomainEvent;
import io.graphqlusers.common.node.GlobalId;
import io.graphqlusers.server.spi.SubscriptionField;
import io.graphqlusers.server.spi.SubscriptionSource;

/** Which events feed {@code postCreated} and {@code postUpdated}, and how their arguments filter them. */
@ApplicationScoped
class PostSubscriptions implements SubscriptionSource {

    static Predicate<DomainEvent> created(String authorId) {
        if (authorId == null) {
            return event -> PostService.POST_CREATED.equals(event.type());
        }
        long author = GlobalId.decode(authorId, "User", "authorId");
        return event -> PostService.POST_CREATED.equals(event.type()) && event.ownerId() == author;
    }

    static Predicate<DomainEvent> updated(String postId) {
        if (postId == null) {
            return event -> PostService.POST_UPDATED.equals(event.type());
        }
        long post = GlobalId.decode(postId, Post.TYPE, "id");
        return event -> PostService.POST_UPDATED.equals(event.type()) && event.id() == post;
    }

    @Override
    public List<SubscriptionField> subscriptionFields() {
        return List.of(
                new SubscriptionField("postCreated", arguments -> created(text(arguments, "authorId"))),
                new SubscriptionField("postUpdated", arguments -> updated(text(arguments, "id"))));
    }

    private static String text(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        return value == null ? null : value.toString();
    }
}

package io.graphqlusers.post;

import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.common.page.Edge;
import io.graphqlusers.common.page.Page;

public final class PostEdge extends Edge<Post> {

    PostEdge(Page<Post> page, int index) {
        super(page, index);
    }

    public @NonNull Post getNode() {
        return item();
    }
}

package io.graphqlusers.user;

import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.common.page.Edge;
import io.graphqlusers.common.page.Page;

public final class UserEdge extends Edge<User> {

    UserEdge(Page<User> page, int index) {
        super(page, index);
    }

    public @NonNull User getNode() {
        return item();
    }
}

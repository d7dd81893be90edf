package io.graphqlusers.user;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.graphqlusers.common.execution.DirectFields;

/** The user fields of {@link UserGraphQLApi} for the direct query engine, calling the API bean itself (its rules). */
@ApplicationScoped
class UserDirectFields implements DirectFields {

    private final UserGraphQLApi api;

    UserDirectFields(UserGraphQLApi api) {
        this.api = api;
    }

    @Override
    public void register(Registry registry) {
        registry.field("Query", "user", Set.of("id"), (root, call) -> api.user(call.argument("id", String.class)));
        // Input objects (filter, orderBy) are converted by SmallRye only: a query that gives them goes there.
        registry.field("Query", "users", Set.of("first", "after", "last", "before"), (root, call) -> {
            return api.users(call.argument("first", Integer.class), call.argument("after", String.class),
                    call.argument("last", Integer.class), call.argument("before", String.class),
                    call.selectsAny(UserGraphQLApi.DETAIL_PATHS));
        });
        registry.<User> field("User", "email", Set.of(), (user, call) -> api.email(user));
    }
}

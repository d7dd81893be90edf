package io.graphqlusers.user;

import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.graphqlusers.common.error.ApiException;
import io.graphqlusers.common.error.ArgumentConstraints;
import io.graphqlusers.common.error.ErrorCode;
import io.graphqlusers.common.node.GlobalId;
import io.graphqlusers.common.page.Page;
import io.graphqlusers.security.Caller;
import io.graphqlusers.security.CredentialAttempt;
import io.graphqlusers.security.Roles;
import io.graphqlusers.server.spi.EventStreams;
import io.graphqlusers.server.spi.FieldSelection;
import io.quarkus.security.Authenticated;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

@GraphQLApi
public class UserGraphQLApi {

    /**
     * What a page of users shows from the columns it always reads (id, name, email: UserService.list); any other
     * field, or a cursor, has it read them all.
     */
    private static final Set<String> LISTED = Set.of("id", "name", "email", "posts");

    private final UserService users;
    private final Caller caller;
    private final EventStreams streams;
    private final FieldSelection selection;
    private final Validator validator;

    UserGraphQLApi(UserService users, Caller caller, EventStreams streams, FieldSelection selection,
            Validator validator) {
        this.users = users;
        this.caller = caller;
        this.streams = streams;
        this.selection = selection;
        this.validator = validator;
    }

    @Query
    @Authenticated
    @Description("The user with this ID, or null when none exists.")
    public User user(@NonNull @Id String id) {
        return users.findById(id, "id").orElse(null);
    }

    @Query
    @Authenticated
    @Description("Users, a page at a time (Relay cursor connection, keyset paging). Default order: CREATED_AT ASC. "
            + "`first`/`last` default to 20 and may not exceed 100; `first` and `last` together are rejected.")
    public @NonNull UserConnection users(Integer first, String after, Integer last, String before,
            UserFilter filter, UserOrder orderBy) {
        ArgumentConstraints.check(validator, "filter", filter);
        if (filter != null && filter.emailContains() != null && !mayReadEveryEmail()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only ADMINs may filter users by email", "filter.emailContains");
        }
        return users.list(first, after, last, before, filter, orderBy,
                !selection.nodesShowOnly(LISTED) || selection.includesAny(Page.CURSOR_PATHS));
    }

    @Authenticated
    @Description("Number of users matching the filter, over all pages. Counted only when selected.")
    public int totalCount(@Source UserConnection connection) {
        return users.count(connection.filter());
    }

    // No security annotation: anyone may select the field, the rule below decides; an interceptor here would run once
    // per user on every page.
    @Description("Email address, stored in lower case and unique regardless of case. Visible only to the user "
            + "themself and to ADMINs; null for everyone else.")
    public String email(@Source User user) {
        return mayReadEmailOf(user.getId()) ? user.email() : null;
    }

    /** Who may read a user's email: the user themself and ADMINs. */
    private boolean mayReadEmailOf(String userId) {
        return caller.isSelfOrAdmin(userId);
    }

    /**
     * Whether the caller may read every user's email, which a filter on it tests (its matches, their count and their
     * order): otherwise {@code emailContains} and {@code totalCount} would reveal, letter by letter, what
     * {@link #email} hides. Kept beside that rule so the two cannot drift.
     */
    private boolean mayReadEveryEmail() {
        return caller.isAdmin();
    }

    @Subscription
    @RolesAllowed(Roles.ADMIN)
    @Description("Every new account, however it was created (ADMIN only).")
    public @NonNull Multi<@NonNull User> userCreated() {
        return streams.stream(UserSubscriptions.CREATED,
                event -> users.findById(GlobalId.encode(User.TYPE, event.id()), "id"));
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Creates a user (ADMIN only). The email must not be in use, whatever its case (CONFLICT).")
    public @NonNull CreateUserPayload createUser(@NonNull @Valid CreateUserInput input) {
        return new CreateUserPayload(users.create(input));
    }

    @Mutation
    @Authenticated
    @CredentialAttempt
    @Description("Changes the given fields of a user: your own, or anyone's as an ADMIN (FORBIDDEN otherwise). NOT_FOUND for an unknown ID; CONFLICT for an email in use or "
            + "a stale `version`.")
    public @NonNull UpdateUserPayload updateUser(@NonNull @Valid UpdateUserInput input) {
        return new UpdateUserPayload(users.update(input, caller));
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Deletes a user (ADMIN only). NOT_FOUND for an unknown ID; CONFLICT for the "
            + "last ADMIN.")
    public @NonNull DeleteUserPayload deleteUser(@NonNull @Valid DeleteUserInput input) {
        return new DeleteUserPayload(users.delete(input));
    }
}

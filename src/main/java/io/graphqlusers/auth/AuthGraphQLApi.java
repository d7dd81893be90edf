package io.graphqlusers.auth;

import java.time.ZoneOffset;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.graphqlusers.security.Caller;
import io.graphqlusers.security.CredentialAttempt;
import io.graphqlusers.security.TokenIssuer;
import io.graphqlusers.security.TokenIssuer.IssuedToken;
import io.graphqlusers.user.User;
import io.graphqlusers.user.UserService;

@GraphQLApi
public class AuthGraphQLApi {

    private final UserService users;
    private final TokenIssuer tokens;
    private final Caller caller;

    AuthGraphQLApi(UserService users, TokenIssuer tokens, Caller caller) {
        this.users = users;
        this.tokens = tokens;
        this.caller = caller;
    }

    @Mutation
    @PermitAll
    @CredentialAttempt
    @Description("Creates an account with role USER and returns a token for it. CONFLICT when the email is in use.")
    public @NonNull AuthPayload signUp(@NonNull @Valid SignUpInput input) {
        return payload(users.signUp(input.name(), input.email(), input.password()));
    }

    @Mutation
    @PermitAll
    @CredentialAttempt
    @Description("Exchanges email and password for a token. An unknown email and a wrong password get the same "
            + "UNAUTHENTICATED error, in about the same time.")
    public @NonNull AuthPayload login(@NonNull @Valid LoginInput input) {
        return payload(users.authenticate(input.email(), input.password()));
    }

    @Query
    @PermitAll
    @Description("The caller, or null without a token (or when the caller's account no longer exists).")
    public User me() {
        return caller.userId().flatMap(users::findCaller).orElse(null);
    }

    private AuthPayload payload(User user) {
        caller.authenticatedAs(user.getId());
        IssuedToken token = tokens.issue(user.getId(), user.email(), user.role().name());
        return new AuthPayload(token.token(), token.expiresAt().atOffset(ZoneOffset.UTC), user);
    }
}

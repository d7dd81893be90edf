package io.graphqlusers.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.graphqlusers.common.error.ApiException;
import io.graphqlusers.common.error.ErrorCode;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is making the current request, as the rules need it: the user's global ID (the token's {@code sub}) and
 * whether they are an ADMIN. The token is trusted until it expires: a role change or a deletion takes effect
 * with the next token.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private String address = "unknown";
    private String authenticatedInRequest;
    // Asked once per parent (a page's emails); the identity does not change within a request.
    private Optional<String> subject;
    private Boolean admin;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The network address the request came from (the transport sets it: the peer's, or the client's as a trusted
     * proxy forwarded it, quarkus.http.proxy.*); "unknown" where no transport said.
     */
    public String address() {
        return address;
    }

    /** Called by the transport that received the request, before anything runs in it. */
    public void cameFrom(String address) {
        this.address = address == null ? "unknown" : address;
    }

    /** The caller's user ID, empty for an anonymous request. */
    public Optional<String> userId() {
        if (authenticatedInRequest != null) {
            return Optional.of(authenticatedInRequest);
        }
        if (subject == null) {
            subject = identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                    ? Optional.empty()
                    : Optional.ofNullable(token.getSubject());
        }
        return subject;
    }

    /**
     * The request proved to be this user without a token (signUp, login): the rest of the request, its payload
     * included, sees what that user may see.
     */
    public void authenticatedAs(String userId) {
        authenticatedInRequest = userId;
    }

    /**
     * What {@code @Authenticated} checks, for fields resolved once per parent object (a user's posts on a page of
     * users): the security interceptor costs far more than the check, times every parent.
     */
    public void requireAuthenticated() {
        if (identity.isAnonymous()) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED.refusalMessage());
        }
    }

    public boolean isAdmin() {
        if (admin == null) {
            admin = !identity.isAnonymous() && identity.hasRole(Roles.ADMIN);
        }
        return admin;
    }

    /** The caller is this user, or an ADMIN. */
    public boolean isSelfOrAdmin(String userId) {
        return isAdmin() || userId().map(userId::equals).orElse(false);
    }
}

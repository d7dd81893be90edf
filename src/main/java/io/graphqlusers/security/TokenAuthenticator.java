package io.graphqlusers.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Turns a bearer token that did not come in an Authorization header (a WebSocket's {@code connection_init}) into
 * the same kind of identity the HTTP layer builds: same verification (signature, issuer, expiry, required claims),
 * roles from {@code groups}.
 */
@ApplicationScoped
public class TokenAuthenticator {

    /** Identity attribute: when the token expires, in epoch seconds. */
    public static final String EXPIRES_AT = "quarkus.identity.expire-time";

    private static final SecurityIdentity ANONYMOUS = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("")).setAnonymous(true).build();

    private final JWTParser parser;

    TokenAuthenticator(JWTParser parser) {
        this.parser = parser;
    }

    /**
     * @param token the token, with or without a {@code Bearer } prefix
     * @throws AuthenticationFailedException when the token is not valid
     */
    public SecurityIdentity authenticate(String token) {
        String raw = token.regionMatches(true, 0, "Bearer ", 0, 7) ? token.substring(7).trim() : token.trim();
        try {
            JsonWebToken jwt = parser.parse(raw);
            return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRoles(jwt.getGroups())
                    .addAttribute(EXPIRES_AT, jwt.getExpirationTime()).build();
        } catch (ParseException e) {
            throw new AuthenticationFailedException("invalid token", e);
        }
    }

    public static SecurityIdentity anonymous() {
        return ANONYMOUS;
    }
}

package io.graphqlusers.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.graphqlusers.common.config.AppConfig;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs access tokens (RS256, the key of {@code smallrye.jwt.sign.key.location}): {@code iss}, {@code sub} (the
 * user's global ID), {@code upn} and {@code email}, {@code groups} (the role), {@code iat}, {@code exp} and a unique
 * {@code jti}.
 */
@ApplicationScoped
public class TokenIssuer {

    private final AppConfig.Auth config;

    TokenIssuer(AppConfig config) {
        this.config = config.auth();
    }

    public IssuedToken issue(String userId, String email, String role) {
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(config.tokenLifetime());
        String token = Jwt.issuer(config.issuer())
                .subject(userId)
                .upn(email)
                .claim("email", email)
                .groups(Set.of(role))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .sign();
        return new IssuedToken(token, expiresAt);
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }
}

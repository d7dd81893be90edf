package io.graphqlusers.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.graphqlusers.common.config.AppConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The token parser smallrye-jwt authenticates with, remembering tokens it has verified. A client sends the same token
 * with every request, and verifying it (RSA signature, claims) was a tenth of the CPU of a one-user query.
 * <p>
 * Only what passed verification is kept, keyed by the exact token text (which its signature covers), and only until
 * the token's {@code exp}, at most five minutes: an expired token is verified again and refused. A verification key
 * removed from a JWKS stops being trusted for cached tokens after those five minutes at the latest. Failures are never
 * cached. Bounded by {@code app.auth.verified-token-cache-size}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private static final long MAX_AGE_NANOS = Duration.ofMinutes(5).toNanos();

    private final JWTParser delegate;
    private final Cache<String, JsonWebToken> verified;

    VerifiedTokens(JWTAuthContextInfo authContext, AppConfig config) {
        this.delegate = new DefaultJWTParser(authContext);
        int size = config.auth().verifiedTokenCacheSize();
        this.verified = size <= 0 ? null
                : Caffeine.newBuilder().maximumSize(size).expireAfter(new Expiry<String, JsonWebToken>() {
                    @Override
                    public long expireAfterCreate(String token, JsonWebToken jwt, long now) {
                        long untilExpiry = Duration.ofSeconds(jwt.getExpirationTime()).toNanos()
                                - Duration.ofMillis(System.currentTimeMillis()).toNanos();
                        return Math.max(0, Math.min(untilExpiry, MAX_AGE_NANOS));
                    }

                    @Override
                    public long expireAfterUpdate(String token, JsonWebToken jwt, long now, long remaining) {
                        return remaining;
                    }

                    @Override
                    public long expireAfterRead(String token, JsonWebToken jwt, long now, long remaining) {
                        return remaining;
                    }
                }).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (verified == null) {
            return delegate.parse(token);
        }
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && known.getExpirationTime() * 1000 > System.currentTimeMillis()) {
            return known;
        }
        JsonWebToken jwt = delegate.parse(token);
        verified.put(token, jwt);
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}

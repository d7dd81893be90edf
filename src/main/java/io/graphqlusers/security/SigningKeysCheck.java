package io.graphqlusers.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;

/**
 * Production refuses to start without token keys. Without this check the service starts and only fails at the
 * first login; here it stops at once, saying which setting is missing, and proves that the signing key and the
 * verification key belong together by signing and verifying a probe token (only signing, when verification uses an
 * external issuer's JWKS URL). Dev mode and tests use the key pair
 * that smallrye-jwt generates in memory.
 */
@ApplicationScoped
class SigningKeysCheck {

    void check(@Observes StartupEvent event, Config config, TokenIssuer issuer, JWTParser parser) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        if (absent(config, "smallrye.jwt.sign.key.location") && absent(config, "smallrye.jwt.sign.key")) {
            throw new IllegalStateException("No token signing key: set SMALLRYE_JWT_SIGN_KEY_LOCATION (a PEM private "
                    + "key file, e.g. from a Kubernetes Secret) or SMALLRYE_JWT_SIGN_KEY");
        }
        if (absent(config, "mp.jwt.verify.publickey.location") && absent(config, "mp.jwt.verify.publickey")) {
            throw new IllegalStateException("No token verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (a PEM "
                    + "public key file or a JWKS URL) or MP_JWT_VERIFY_PUBLICKEY");
        }
        try {
            String probe = issuer.issue("startup-check", "startup-check@invalid", Roles.USER).token();
            // With a JWKS URL, tokens of an external issuer are verified and ours cannot be: signing must work.
            if (!config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).orElse("").startsWith("http")) {
                parser.parse(probe);
            }
        } catch (Exception e) {
            throw new IllegalStateException("The token keys do not work together: a token signed with the signing key "
                    + "fails verification with the verification key (" + e.getMessage() + ")", e);
        }
    }

    private static boolean absent(Config config, String name) {
        Optional<String> value = config.getOptionalValue(name, String.class);
        return value.isEmpty() || value.get().isBlank();
    }
}

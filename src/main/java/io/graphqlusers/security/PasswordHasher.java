package io.graphqlusers.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.graphqlusers.common.config.AppConfig;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * bcrypt password hashes. bcrypt reads only the first 72 bytes of its input, so two long passwords with a common
 * prefix would share a hash; the password is therefore first condensed with SHA-256 (base64, 44 bytes), and bcrypt
 * salts and stretches that. Neither the password nor the hash is ever logged or returned.
 */
@ApplicationScoped
public class PasswordHasher {

    /** Stored for accounts that have no password (created before authentication existed): matches nothing. */
    public static final String NO_PASSWORD = "!";

    private final int cost;
    private volatile String dummyHash;

    PasswordHasher(AppConfig config) {
        this.cost = config.auth().bcryptCost();
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(condense(password), cost);
    }

    /** Constant work whatever the stored value: a missing or unusable hash is checked against a dummy. */
    public boolean matches(String password, String storedHash) {
        if (storedHash == null || !storedHash.startsWith("$2")) {
            BcryptUtil.matches(condense(password), dummyHash());
            return false;
        }
        return BcryptUtil.matches(condense(password), storedHash);
    }

    /**
     * Spends the time of one verification, for a login whose email is unknown, so that the answer time does not
     * tell which accounts exist.
     */
    public void verifyNothing(String password) {
        BcryptUtil.matches(condense(password), dummyHash());
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            // Computed on first use, with the configured cost, so start-up stays fast.
            hash = dummyHash = hash("dummy password for unknown accounts");
        }
        return hash;
    }

    private static String condense(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

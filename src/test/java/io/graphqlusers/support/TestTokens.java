package io.graphqlusers.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Tokens for tests, signed with the key the application uses in the test profile (smallrye-jwt's in-memory pair),
 * or deliberately wrong in exactly one way each. Clients normally get tokens from {@code login}; these cover the
 * identities and defects a login cannot produce.
 */
public final class TestTokens {

    /** The ID of no stored user: an ADMIN token that exists only for setting up data. */
    private static final String SETUP_ADMIN_ID = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("User:999999999999".getBytes(StandardCharsets.UTF_8));

    private TestTokens() {
    }

    public static String admin() {
        return valid(SETUP_ADMIN_ID, "setup-admin@example.com", "ADMIN");
    }

    public static String valid(String userId, String email, String role) {
        return sign(claims(userId, email, role, Instant.now(), Instant.now().plusSeconds(600)));
    }

    /** Valid now, expiring after {@code seconds}. */
    public static String expiringIn(String userId, String email, String role, long seconds) {
        return sign(claims(userId, email, role, Instant.now(), Instant.now().plusSeconds(seconds)));
    }

    /** Expired two minutes ago, well beyond the allowed clock skew. */
    public static String expired(String userId, String email, String role) {
        return sign(claims(userId, email, role, Instant.now().minusSeconds(900), Instant.now().minusSeconds(120)));
    }

    public static String wrongIssuer(String userId, String email, String role) {
        return sign(claims(userId, email, role, Instant.now(), Instant.now().plusSeconds(600))
                .issuer("https://someone-else.example"));
    }

    /** Correct claims, signed with a key the application has never seen. */
    public static String wrongSignature(String userId, String email, String role) {
        return claims(userId, email, role, Instant.now(), Instant.now().plusSeconds(600)).sign(foreignKey());
    }

    /** Unsigned ({@code "alg": "none"}), with otherwise valid ADMIN claims. */
    public static String algNone(String userId) {
        String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String payload = encode("{\"iss\":\"" + issuer() + "\",\"sub\":\"" + userId + "\",\"upn\":\"x@example.com\","
                + "\"groups\":[\"ADMIN\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + ",\"jti\":\"" + UUID.randomUUID()
                + "\"}");
        return header + "." + payload + ".";
    }

    private static JwtClaimsBuilder claims(String userId, String email, String role, Instant issuedAt, Instant expiresAt) {
        return Jwt.issuer(issuer()).subject(userId).upn(email).claim("email", email).groups(Set.of(role))
                .issuedAt(issuedAt).expiresAt(expiresAt).claim("jti", UUID.randomUUID().toString());
    }

    /**
     * Signs with the key the application verifies with: smallrye-jwt's in-memory test key under {@code @QuarkusTest},
     * or the file {@link PackagedApp} made for the packaged jar.
     */
    private static String sign(JwtClaimsBuilder claims) {
        String file = System.getProperty(PackagedApp.SIGN_KEY_PROPERTY);
        if (file == null) {
            return claims.sign();
        }
        try {
            String pem = Files.readString(Path.of(file)).replaceAll("-----[A-Z ]+-----|\\s", "");
            return claims.sign(
                    KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
    }

    private static PrivateKey foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

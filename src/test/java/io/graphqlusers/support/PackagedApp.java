package io.graphqlusers.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the packaged application needs to run under {@code @QuarkusIntegrationTest}, the way production gives it: a
 * PostgreSQL reached by URL (an embedded one started here, in the test JVM; the jar itself never contains one) and
 * a token key pair of its own. The tests sign their tokens with the same private key
 * ({@link TestTokens} reads {@link #SIGN_KEY_PROPERTY}).
 */
public class PackagedApp implements QuarkusTestResourceLifecycleManager {

    public static final String SIGN_KEY_PROPERTY = "graphql-users.it.sign-key";

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "off").start();
            Path keys = Files.createDirectories(Path.of("target", "it-keys"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path privateKey = pem(keys.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
            Path publicKey = pem(keys.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
            System.setProperty(SIGN_KEY_PROPERTY, privateKey.toAbsolutePath().toString());
            Map<String, String> config = new HashMap<>(Map.of(
                    "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "unused",
                    // Inline, under the names smallrye-jwt's build-time test key pair uses, so these replace it.
                    "smallrye.jwt.sign.key", Files.readString(privateKey),
                    "mp.jwt.verify.publickey", Files.readString(publicKey),
                    // The suites share one ADMIN test identity, whose bucket a production limit would empty.
                    "app.rate-limit.enabled", "false",
                    // CreateUserIT sends 50 creations at once, each a hash: production's queue would refuse most.
                    "app.auth.hashing.queue", "1000",
                    // The suites compare answers with introspection's as anonymous and USER callers too;
                    // IntrospectionAccessIT runs with production's rule (ProductionIntrospection).
                    "app.introspection.roles", "*",
                    "quarkus.shutdown.delay", "0s"));
            adjust(config);
            return config;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For a subclass that runs the jar with a setting of production's that the other suites change. */
    protected void adjust(Map<String, String> config) {
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    @Override
    public void stop() {
        System.clearProperty(SIGN_KEY_PROPERTY);
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

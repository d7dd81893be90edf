package io.graphqlusers.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Gives dev mode and tests a real PostgreSQL with zero setup: when the active profile is {@code dev} or
 * {@code test} and no {@code quarkus.datasource.jdbc.url} is configured, it starts an embedded PostgreSQL
 * (Zonky binaries) and supplies its URL and credentials as configuration.
 * <p>
 * Why not Quarkus Dev Services: they need a Docker engine. Why not the Quarkiverse embedded-postgresql
 * extension: it is a runtime extension and also starts a database inside the packaged production jar.
 * The Zonky artifacts are {@code provided}-scoped, which Quarkus puts on the dev-mode and test class path
 * only, so a production build can neither start one nor carry its ~40 MB of binaries.
 * <p>
 * Configuration is built several times per JVM (augmentation, runtime start, every dev-mode reload), and
 * from different class loaders, so the running server is recorded in system properties and reused: one
 * database per JVM, stopped by Zonky's shutdown hook.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_PROPERTY = "graphql-users.embedded-postgres.jdbc-url";
    static final String PORT_PROPERTY = "graphql-users.embedded-postgres.port";
    private static final List<String> PROFILES = List.of("dev", "test");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!enabled(context)) {
            return List.of();
        }
        String url;
        String port;
        synchronized (System.getProperties()) {
            url = System.getProperty(URL_PROPERTY);
            port = System.getProperty(PORT_PROPERTY);
            if (url == null) {
                int started = start();
                port = Integer.toString(started);
                url = "jdbc:postgresql://localhost:" + started + "/postgres";
                System.setProperty(URL_PROPERTY, url);
                System.setProperty(PORT_PROPERTY, port);
            }
        }
        return List.of(new MapBackedConfigSource("embedded-postgres", Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"),
                // Below system properties and environment (400, 300), above application.properties (250).
                260) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(260);
    }

    private static boolean enabled(ConfigSourceContext context) {
        if (context.getProfiles().stream().noneMatch(PROFILES::contains)) {
            return false;
        }
        ConfigValue configured = context.getValue("quarkus.datasource.jdbc.url");
        if (configured != null && configured.getValue() != null && !configured.getValue().isBlank()) {
            return false;
        }
        ConfigValue switch_ = context.getValue("app.embedded-postgres.enabled");
        return switch_ == null || switch_.getValue() == null || Boolean.parseBoolean(switch_.getValue());
    }

    private static int start() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No quarkus.datasource.jdbc.url is configured and the embedded "
                    + "PostgreSQL (io.zonky.test:embedded-postgres, provided scope) is not on the class path. "
                    + "Set QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD.");
        }
        try {
            return ZonkyLauncher.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }
}

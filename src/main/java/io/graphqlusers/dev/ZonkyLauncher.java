package io.graphqlusers.dev;

import java.io.IOException;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Kept apart from {@link EmbeddedPostgresConfigSourceFactory} so that the Zonky classes, which exist only on
 * the dev and test class path, are loaded only when an embedded database is really wanted.
 */
final class ZonkyLauncher {

    private ZonkyLauncher() {
    }

    static int start() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                // The first start unpacks the binaries, which takes a few seconds on a cold machine.
                .setPGStartupWait(Duration.ofSeconds(60))
                // A throwaway database that never holds production data: durability only costs time here.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        return postgres.getPort();
    }
}

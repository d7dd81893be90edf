package io.graphqlusers.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the tests' own (never the machine's shared one), on a free port, that a test can stop and start
 * again to play an outage. Needs the {@code redis-server} binary (Debian package redis-server; .ci/run installs it).
 */
public final class RedisServer {

    private static final int PORT = freePort();
    private static Process process;

    private RedisServer() {
    }

    public static synchronized String url() {
        if (process == null) {
            start();
        }
        return "redis://localhost:" + PORT;
    }

    public static synchronized void start() {
        try {
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(PORT), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            for (int attempt = 0; attempt < 100; attempt++) {
                try {
                    new Socket("127.0.0.1", PORT).close();
                    return;
                } catch (IOException notYet) {
                    // Polling for the port to open: redis-server has no readiness signal we could wait on.
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
            throw new IllegalStateException("redis-server did not start on port " + PORT);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start redis-server (is the package installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Runs a redis-cli command against this server and returns its output, trimmed. */
    public static String cli(String... arguments) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("redis-cli", "-p", Integer.toString(PORT)));
            command.addAll(List.of(arguments));
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes()).trim();
            cli.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.graphqlusers.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.error.ApiException;
import io.graphqlusers.common.error.ErrorCode;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * bcrypt password hashes. bcrypt reads only the first 72 bytes of its input, so two long passwords with a common
 * prefix would share a hash; the password is therefore first condensed with SHA-256 (base64, 44 bytes), and bcrypt
 * salts and stretches that. Neither the password nor the hash is ever logged or returned.
 * <p>
 * Every hash is computed on a pool of its own ({@code app.auth.hashing.*}): a fixed number of threads and a short
 * queue, past which a request is refused at once with SERVICE_UNAVAILABLE. Computed on the request's thread, a flood
 * of logins from many addresses would take every core, and reads with them, while each login waited longer.
 */
@ApplicationScoped
public class PasswordHasher {

    /** Stored for accounts that have no password (created before authentication existed): matches nothing. */
    public static final String NO_PASSWORD = "!";

    private final int cost;
    private final ThreadPoolExecutor pool;
    private volatile String dummyHash;

    PasswordHasher(AppConfig config) {
        this.cost = config.auth().bcryptCost();
        int threads = config.auth().hashing().threads()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        AtomicInteger created = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.auth().hashing().queue()), work -> {
                    Thread thread = new Thread(work, "password-hashing-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @PreDestroy
    void stop() {
        // Queued hashes are cancelled, not dropped: their callers are waiting on them.
        for (Runnable queued : pool.shutdownNow()) {
            if (queued instanceof Future<?> future) {
                future.cancel(false);
            }
        }
    }

    public String hash(String password) {
        return onPool(() -> bcrypt(password));
    }

    /** Constant work whatever the stored value: a missing or unusable hash is checked against a dummy. */
    public boolean matches(String password, String storedHash) {
        return onPool(() -> {
            if (storedHash == null || !storedHash.startsWith("$2")) {
                BcryptUtil.matches(condense(password), dummyHash());
                return false;
            }
            return BcryptUtil.matches(condense(password), storedHash);
        });
    }

    /**
     * Spends the time of one verification, for a login whose email is unknown, so that the answer time does not
     * tell which accounts exist.
     */
    public void verifyNothing(String password) {
        onPool(() -> BcryptUtil.matches(condense(password), dummyHash()));
    }

    /** Runs on a pool thread, so never through {@link #onPool}: a one-thread pool would wait for itself. */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            // Computed on first use, with the configured cost, so start-up stays fast.
            hash = dummyHash = bcrypt("dummy password for unknown accounts");
        }
        return hash;
    }

    private String bcrypt(String password) {
        return BcryptUtil.bcryptHash(condense(password), cost);
    }

    private <T> T onPool(Callable<T> work) {
        Future<T> result;
        try {
            result = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "Too many password checks at once; retry in a moment");
        }
        try {
            return result.get();
        } catch (CancellationException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The service is shutting down; retry");
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The password check was interrupted; retry");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
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

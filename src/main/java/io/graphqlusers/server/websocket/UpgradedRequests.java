package io.graphqlusers.server.websocket;

import java.lang.reflect.Method;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpServerRequest;

/**
 * Tells Quarkus's graceful shutdown that an upgraded request is over once its WebSocket has closed.
 * <p>
 * Quarkus (3.27) counts each HTTP request until its response ends or its connection closes, but after an upgrade to
 * WebSocket neither event reaches its wrapper, so every WebSocket ever opened stays "in flight" and each shutdown
 * waits out the whole {@code quarkus.shutdown.timeout}. The wrapper's own completion method is package-private; it is
 * called here reflectively. Should a later Quarkus change it, shutdown falls back to waiting for the timeout, which is
 * slower but still correct.
 */
@RegisterForReflection(targets = QuarkusRequestWrapper.class, methods = true, fields = false)
final class UpgradedRequests {

    private static final Logger LOG = Logger.getLogger(UpgradedRequests.class);
    private static final Method DONE = doneMethod();

    private UpgradedRequests() {
    }

    /** @return what to run when the WebSocket made from {@code request} closes */
    static Runnable completion(HttpServerRequest request) {
        if (DONE == null) {
            return () -> {
            };
        }
        QuarkusRequestWrapper wrapper;
        try {
            wrapper = QuarkusRequestWrapper.get(request);
        } catch (RuntimeException notWrapped) {
            return () -> {
            };
        }
        return () -> {
            try {
                DONE.invoke(wrapper);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("Could not mark an upgraded request as done", e);
            }
        };
    }

    private static Method doneMethod() {
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            return done;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("WebSockets will hold graceful shutdown until quarkus.shutdown.timeout: " + e);
            return null;
        }
    }
}

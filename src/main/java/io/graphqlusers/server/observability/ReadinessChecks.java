package io.graphqlusers.server.observability;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.graphqlusers.common.cache.RedisAccess;
import io.graphqlusers.common.events.EventListener;

/**
 * Readiness beyond the database (which Quarkus checks itself): the event listener, without which subscriptions and
 * cross-replica cache evictions stop, and Redis when configured. Both recover on their own, so they only make the
 * pod unready, never dead (liveness has no dependency checks).
 */
class ReadinessChecks {

    @Readiness
    @ApplicationScoped
    static class Events implements HealthCheck {
        private final EventListener listener;

        Events(EventListener listener) {
            this.listener = listener;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("event-listener").status(listener.isConnected()).build();
        }
    }

    @Readiness
    @ApplicationScoped
    static class Redis implements HealthCheck {
        private final RedisAccess redis;

        Redis(RedisAccess redis) {
            this.redis = redis;
        }

        @Override
        public HealthCheckResponse call() {
            if (!redis.configured()) {
                return HealthCheckResponse.named("redis").up().withData("configured", false).build();
            }
            Optional<String> pong = redis.call(api -> api.ping(java.util.List.of()).map(Object::toString));
            return HealthCheckResponse.named("redis").status(pong.isPresent()).withData("configured", true).build();
        }
    }
}

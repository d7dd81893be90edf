package io.graphqlusers.server.spi;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;

import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.events.DomainEvent;
import io.graphqlusers.common.events.EventListener;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The stream behind a {@code @Subscription} method: the events a filter accepts, each loaded on a worker thread,
 * with a bounded buffer that fails the stream when the consumer falls behind. It serves SmallRye's own execution of
 * the method (any transport that subscribes to its result). Our WebSocket transport does not call the methods: it
 * renders each event as a query ({@link SubscriptionField}), which runs nested fields in a normal request.
 */
@ApplicationScoped
public class EventStreams {

    private final EventListener listener;
    private final ManagedExecutor executor;
    private final int bufferSize;

    EventStreams(EventListener listener, ManagedExecutor executor, AppConfig config) {
        this.listener = listener;
        this.executor = executor;
        this.bufferSize = config.subscriptions().bufferSize();
    }

    public <T> Multi<T> stream(Predicate<DomainEvent> filter, Function<DomainEvent, Optional<T>> loader) {
        return Multi.createFrom().<DomainEvent> emitter(emitter -> {
            AutoCloseable registration = listener.subscribe(filter, emitter::emit);
            emitter.onTermination(() -> {
                try {
                    registration.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }).onOverflow().buffer(bufferSize)
                .onItem().transformToUniAndConcatenate(event -> Uni.createFrom().item(() -> loader.apply(event))
                        .runSubscriptionOn(executor))
                .filter(Optional::isPresent).map(Optional::get);
    }
}

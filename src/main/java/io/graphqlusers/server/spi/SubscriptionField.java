package io.graphqlusers.server.spi;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.graphqlusers.common.events.DomainEvent;

/**
 * Which events feed a subscription field: the one thing its {@code @Subscription} method cannot say to our WebSocket
 * transport, which does not subscribe to the method's stream. Each event is pushed by running the subscriber's
 * selection as the query field that loads one object of the subscription's type by {@code id} (for
 * {@code postCreated}, {@code post(id:)}), in a fresh request with the subscriber's identity: the same execution,
 * field rules, batching and limits as any HTTP request. Who may subscribe, and that query field, the transport reads
 * from the method and the schema.
 *
 * @param name the subscription field, for example {@code postCreated}
 * @param filter from the field's arguments (raw values by name) to the events it accepts; throws ApiException for
 *        invalid arguments
 */
public record SubscriptionField(String name, Function<Map<String, Object>, Predicate<DomainEvent>> filter) {
}

package io.graphqlusers.common.subscription;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.graphqlusers.common.events.DomainEvent;

/**
 * How a root field of {@code Subscription} is served over WebSocket: which events feed it, and which query field
 * renders one event. Each event is pushed by running the subscriber's selection as that query (for example
 * {@code post(id:)}), in a fresh request with the subscriber's identity: the same execution, field rules, batching and
 * limits as any HTTP request.
 *
 * @param name the subscription field, for example {@code postCreated}
 * @param queryField the query field taking the changed object's {@code id}, for example {@code post}
 * @param nodeType the GraphQL type of that object, to build its global ID
 * @param requiredRole the role a subscriber needs, or null when any authenticated caller may subscribe; the same
 *        rule as the security annotation of the field's {@code @Subscription} method
 * @param filter from the field's arguments (raw values by name) to the events it accepts; throws ApiException for
 *        invalid arguments
 */
public record SubscriptionField(String name, String queryField, String nodeType, String requiredRole,
        Function<Map<String, Object>, Predicate<DomainEvent>> filter) {
}

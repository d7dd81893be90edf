package io.graphqlusers.server.websocket;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import io.graphqlusers.common.error.ErrorCode;
import io.graphqlusers.server.spi.SubscriptionField;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.execution.datafetcher.helper.OperationInvoker;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Schema;

/**
 * A subscription field as this transport serves it. Everything but the event filter comes from the
 * {@code @Subscription} method, as SmallRye's model holds it: who may subscribe (the method's, else its class's,
 * {@code @RolesAllowed}, {@code @Authenticated} or {@code @PermitAll}, read as Quarkus reads them), the type of object
 * it pushes, and so the query field that renders one (the root field returning that type from a single {@code id}).
 * The feature's {@link SubscriptionField} adds only which events feed it.
 *
 * @param roles the roles of which a subscriber needs one; empty when any authenticated caller may subscribe
 * @param anonymous whether a caller without a token may subscribe
 */
record ServedSubscription(SubscriptionField field, String queryField, String nodeType, boolean anonymous,
        Set<String> roles) {

    /** Every subscription of the schema; start-up fails when a method and the sources' fields do not pair up. */
    static Map<String, ServedSubscription> of(Schema model, List<SubscriptionField> fields) {
        Map<String, SubscriptionField> byName = new HashMap<>();
        fields.forEach(field -> byName.put(field.name(), field));
        Map<String, ServedSubscription> served = new HashMap<>();
        for (Operation subscription : model.getSubscriptions()) {
            SubscriptionField field = byName.remove(subscription.getName());
            if (field == null) {
                throw new IllegalStateException("The subscription " + subscription.getName() + " has no event source: "
                        + "add a SubscriptionField for it to its feature's SubscriptionSource");
            }
            String type = subscription.getReference().getName();
            served.put(field.name(), access(field, renderer(model, subscription, type), type, method(subscription)));
        }
        if (!byName.isEmpty()) {
            throw new IllegalStateException("Event sources for subscriptions the schema does not have: " + byName.keySet());
        }
        return Map.copyOf(served);
    }

    /** Why this caller may not subscribe, or null when it may. */
    ErrorCode refusal(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return anonymous ? null : ErrorCode.UNAUTHENTICATED;
        }
        return anonymous || roles.isEmpty() || roles.stream().anyMatch(identity::hasRole) ? null : ErrorCode.FORBIDDEN;
    }

    private static String renderer(Schema model, Operation subscription, String type) {
        List<String> candidates = model.getQueries().stream()
                .filter(query -> query.getReference().getName().equals(type) && !query.hasWrapper()
                        && query.getArguments().size() == 1 && query.getArguments().get(0).getName().equals("id"))
                .map(Operation::getName).toList();
        if (candidates.size() != 1) {
            throw new IllegalStateException("The subscription " + subscription.getName() + " pushes " + type
                    + " objects, which need exactly one query field taking an `id` and returning one " + type
                    + "; found " + candidates);
        }
        return candidates.get(0);
    }

    private static Method method(Operation subscription) {
        return new OperationInvoker(subscription).getMethod();
    }

    private static ServedSubscription access(SubscriptionField field, String queryField, String type, Method method) {
        for (AnnotatedElement level : List.of(method, method.getDeclaringClass())) {
            RolesAllowed allowed = level.getAnnotation(RolesAllowed.class);
            if (allowed != null) {
                Set<String> roles = new TreeSet<>(List.of(allowed.value()));
                // Quarkus's "**": any authenticated caller.
                return new ServedSubscription(field, queryField, type, false,
                        roles.contains("**") ? Set.of() : Set.copyOf(roles));
            }
            if (level.isAnnotationPresent(Authenticated.class)) {
                return new ServedSubscription(field, queryField, type, false, Set.of());
            }
            if (level.isAnnotationPresent(PermitAll.class)) {
                return new ServedSubscription(field, queryField, type, true, Set.of());
            }
        }
        // No rule: open, as SmallRye would serve the method.
        return new ServedSubscription(field, queryField, type, true, Set.of());
    }
}

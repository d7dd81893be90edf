package io.graphqlusers.server.websocket;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import io.graphqlusers.common.error.ErrorCode;
import io.graphqlusers.server.spi.SubscriptionField;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.execution.datafetcher.helper.OperationInvoker;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.spi.ClassloadingService;

/**
 * A subscription field as this transport serves it. Everything but the event filter comes from the
 * {@code @Subscription} method, as SmallRye's model holds it: who may subscribe (the method's, else its class's,
 * {@code @DenyAll}, {@code @RolesAllowed}, {@code @Authenticated} or {@code @PermitAll}, read as Quarkus reads them),
 * the type of object it pushes, and so the query field that renders one (the root field returning that type from a
 * single {@code id: ID!}). The feature's {@link SubscriptionField} adds only which events feed it.
 * <p>
 * It fails closed: a method without a rule needs an authenticated caller (as this transport always required; an
 * open subscription says {@code @PermitAll}), and a rule it cannot read ({@code @PermissionsAllowed}) fails the
 * start.
 *
 * @param anonymous whether a caller without a token may subscribe
 * @param roles the roles of which an authenticated subscriber needs one: null for any role, empty for none
 *        ({@code @DenyAll})
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
            served.put(field.name(), access(field, renderer(model, subscription, type), type, subscription));
        }
        if (!byName.isEmpty()) {
            throw new IllegalStateException("Event sources for subscriptions the schema does not have: " + byName.keySet());
        }
        return Map.copyOf(served);
    }

    /** Why this caller may not subscribe, or null when it may. */
    ErrorCode refusal(SecurityIdentity identity) {
        if (anonymous) {
            return null;
        }
        if (identity.isAnonymous()) {
            return ErrorCode.UNAUTHENTICATED;
        }
        return roles == null || roles.stream().anyMatch(identity::hasRole) ? null : ErrorCode.FORBIDDEN;
    }

    private static String renderer(Schema model, Operation subscription, String type) {
        List<String> candidates = model.getQueries().stream()
                .filter(query -> query.getReference().getName().equals(type) && !query.hasWrapper()
                        && query.getArguments().size() == 1 && query.getArguments().get(0).getName().equals("id")
                        && query.getArguments().get(0).getReference().getName().equals("ID"))
                .map(Operation::getName).toList();
        if (candidates.size() != 1) {
            throw new IllegalStateException("The subscription " + subscription.getName() + " pushes " + type
                    + " objects, which need exactly one query field taking an `id: ID` and returning one " + type
                    + "; found " + candidates);
        }
        return candidates.get(0);
    }

    private static ServedSubscription access(SubscriptionField field, String queryField, String type,
            Operation subscription) {
        Method method = new OperationInvoker(subscription).getMethod();
        // The bean's class, not the method's: an inherited method takes the rule of the class that serves it.
        Class<?> bean = ClassloadingService.get().loadClass(subscription.getClassName());
        for (AnnotatedElement level : List.of(method, bean)) {
            if (level.isAnnotationPresent(PermissionsAllowed.class)) {
                throw new IllegalStateException("The subscription " + subscription.getName() + " is guarded by "
                        + "@PermissionsAllowed, which the WebSocket transport cannot check: use @RolesAllowed");
            }
            if (level.isAnnotationPresent(DenyAll.class)) {
                return new ServedSubscription(field, queryField, type, false, Set.of());
            }
            RolesAllowed allowed = level.getAnnotation(RolesAllowed.class);
            if (allowed != null) {
                Set<String> roles = Set.of(allowed.value());
                // Quarkus's "**": any authenticated caller.
                return new ServedSubscription(field, queryField, type, false, roles.contains("**") ? null : roles);
            }
            if (level.isAnnotationPresent(Authenticated.class)) {
                return new ServedSubscription(field, queryField, type, false, null);
            }
            if (level.isAnnotationPresent(PermitAll.class)) {
                return new ServedSubscription(field, queryField, type, true, null);
            }
        }
        return new ServedSubscription(field, queryField, type, false, null);
    }
}

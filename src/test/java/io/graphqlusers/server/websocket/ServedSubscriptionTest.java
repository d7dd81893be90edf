package io.graphqlusers.server.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.junit.jupiter.api.Test;

import io.graphqlusers.common.error.ErrorCode;
import io.graphqlusers.server.spi.SubscriptionField;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Execute;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.OperationType;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Schema;

/**
 * Who may subscribe, as read from the {@code @Subscription} method: every rule Quarkus knows, and closed where the
 * method says nothing or says what the transport cannot check. (The served subscriptions are tested end to end in
 * {@code SubscriptionAuthTest}; these are the rules no subscription of ours uses yet.)
 */
class ServedSubscriptionTest {

    private static final SecurityIdentity ANONYMOUS = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
    private static final SecurityIdentity USER = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("u")).addRole("USER").build();
    private static final SecurityIdentity ADMIN = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("a")).addRole("ADMIN").build();

    /** The methods' bodies never run: only their annotations are read. */
    public static class Api {
        @RolesAllowed("ADMIN")
        public Object admins() {
            return null;
        }

        @Authenticated
        public Object members() {
            return null;
        }

        @PermitAll
        public Object everyone() {
            return null;
        }

        @DenyAll
        public Object nobody() {
            return null;
        }

        @RolesAllowed({})
        public Object noRole() {
            return null;
        }

        public Object unannotated() {
            return null;
        }

        @PermissionsAllowed("read")
        public Object permissions() {
            return null;
        }
    }

    @RolesAllowed("ADMIN")
    public static class AdminApi extends Api {
    }

    @Test
    void eachRuleRefusesWhomQuarkusWould() {
        assertRefusals("admins", ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, null);
        assertRefusals("members", ErrorCode.UNAUTHENTICATED, null, null);
        assertRefusals("everyone", null, null, null);
        assertRefusals("nobody", ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.FORBIDDEN);
        assertRefusals("noRole", ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.FORBIDDEN);
    }

    @Test
    void aMethodWithoutARuleNeedsAToken() {
        assertRefusals("unannotated", ErrorCode.UNAUTHENTICATED, null, null);
    }

    @Test
    void anInheritedMethodTakesTheRuleOfTheServingClass() {
        ServedSubscription served = served(AdminApi.class, "unannotated");
        assertEquals(ErrorCode.FORBIDDEN, served.refusal(USER));
        assertNull(served.refusal(ADMIN));
    }

    @Test
    void aRuleTheTransportCannotCheckFailsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> served(Api.class, "permissions"));
        assertTrue(e.getMessage().contains("@PermissionsAllowed"), e.getMessage());
    }

    @Test
    void aSubscriptionWithoutEventsFailsTheStart() {
        Schema model = schema(Api.class, "admins");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServedSubscription.of(model, List.of()));
        assertTrue(e.getMessage().contains("no event source"), e.getMessage());
    }

    @Test
    void theRenderingQueryIsTheOneThatLoadsThePushedTypeById() {
        ServedSubscription served = served(Api.class, "admins");
        assertEquals("thing", served.queryField());
        assertEquals("Thing", served.nodeType());
    }

    private static void assertRefusals(String method, ErrorCode anonymous, ErrorCode user, ErrorCode admin) {
        ServedSubscription served = served(Api.class, method);
        assertEquals(anonymous, served.refusal(ANONYMOUS), method + " anonymous");
        assertEquals(user, served.refusal(USER), method + " USER");
        assertEquals(admin, served.refusal(ADMIN), method + " ADMIN");
    }

    private static ServedSubscription served(Class<?> api, String method) {
        Map<String, ServedSubscription> served = ServedSubscription.of(schema(api, method),
                List.of(new SubscriptionField(method, arguments -> event -> true)));
        return served.get(method);
    }

    /** A schema with one subscription pushing {@code Thing}s, and the query {@code thing(id: ID)} that loads one. */
    private static Schema schema(Class<?> api, String method) {
        Schema schema = new Schema();
        schema.addSubscription(new Operation(api.getName(), method, method, method, thing(), OperationType.SUBSCRIPTION,
                Execute.DEFAULT));
        Operation query = new Operation(api.getName(), "thing", "thing", "thing", thing(), OperationType.QUERY,
                Execute.DEFAULT);
        Reference id = new Reference();
        id.setName("ID");
        id.setClassName(String.class.getName());
        id.setGraphQLClassName(String.class.getName());
        id.setType(ReferenceType.SCALAR);
        query.addArgument(new Argument(String.class.getName(), "thing", "id", "id", id));
        schema.addQuery(query);
        return schema;
    }

    private static Reference thing() {
        Reference reference = new Reference();
        reference.setName("Thing");
        reference.setClassName(Object.class.getName());
        reference.setGraphQLClassName(Object.class.getName());
        reference.setType(ReferenceType.TYPE);
        return reference;
    }
}

package io.graphqlusers.user;

import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.graphqlusers.auth.Roles;
import io.graphqlusers.common.events.DomainEvent;
import io.graphqlusers.common.subscription.SubscriptionField;
import io.graphqlusers.common.subscription.SubscriptionSource;

/** Which events feed {@code userCreated}. */
@ApplicationScoped
class UserSubscriptions implements SubscriptionSource {

    static final Predicate<DomainEvent> CREATED = event -> UserService.USER_CREATED.equals(event.type());

    @Override
    public List<SubscriptionField> subscriptionFields() {
        return List.of(new SubscriptionField("userCreated", "user", User.TYPE, Roles.ADMIN, arguments -> CREATED));
    }
}

package io.graphqlusers.user;

import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.graphqlusers.common.events.DomainEvent;
import io.graphqlusers.server.spi.SubscriptionField;
import io.graphqlusers.server.spi.SubscriptionSource;

/** Which events feed {@code userCreated}. */
@ApplicationScoped
class UserSubscriptions implements SubscriptionSource {

    static final Predicate<DomainEvent> CREATED = event -> UserService.USER_CREATED.equals(event.type());

    @Override
    public List<SubscriptionField> subscriptionFields() {
        return List.of(new SubscriptionField("userCreated", arguments -> CREATED));
    }
}

package io.graphqlusers.server.spi;

import java.util.List;

/** A feature's subscription fields; each feature that offers subscriptions provides one as a CDI bean. */
public interface SubscriptionSource {

    List<SubscriptionField> subscriptionFields();
}

package io.graphqlusers.common.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Publishes an event with {@code pg_notify} inside the caller's transaction. PostgreSQL delivers a notification only
 * when its transaction commits, and drops it on rollback, so listeners never hear of a change that did not happen
 * (and every replica hears of every change, whichever replica made it).
 */
@ApplicationScoped
public class EventPublisher {

    static final String CHANNEL = "graphql_users_events";

    private final EntityManager em;

    EventPublisher(EntityManager em) {
        this.em = em;
    }

    @Transactional(TxType.MANDATORY)
    public void publish(DomainEvent event) {
        em.createNativeQuery("select pg_notify(:channel, :payload)")
                .setParameter("channel", CHANNEL).setParameter("payload", event.toPayload()).getSingleResult();
    }
}

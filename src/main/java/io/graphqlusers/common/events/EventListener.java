package io.graphqlusers.common.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Hears every replica's events: one connection per replica LISTENs on the channel and hands each notification to
 * the local subscribers whose filter accepts it. When the database goes away it reconnects by itself (with a growing
 * pause, logged once per outage); notifications sent while it was disconnected are lost, as LISTEN/NOTIFY keeps no
 * history.
 */
@ApplicationScoped
public class EventListener {

    private static final Logger LOG = Logger.getLogger(EventListener.class);
    private static final int POLL_MILLIS = 1000;

    private final AgroalDataSource dataSource;
    private final Set<Registration> registrations = new CopyOnWriteArraySet<>();
    private volatile boolean running;
    private volatile boolean connected;
    private Thread thread;

    EventListener(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "graphql-users-event-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the listening loop to end, so its connection goes back before the pool shuts down. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(2 * POLL_MILLIS);
        }
    }

    /** Calls {@code subscriber} (on the listener thread: hand work off quickly) for each event that {@code filter} accepts. */
    public AutoCloseable subscribe(Predicate<DomainEvent> filter, Consumer<DomainEvent> subscriber) {
        Registration registration = new Registration(filter, subscriber);
        registrations.add(registration);
        return () -> registrations.remove(registration);
    }

    /** Whether the listening connection is up, for readiness. */
    public boolean isConnected() {
        return connected;
    }

    private void listen() {
        long pause = 250;
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("LISTEN " + EventPublisher.CHANNEL);
                if (!connected && pause > 250) {
                    LOG.info("Listening for events again");
                }
                connected = true;
                pause = 250;
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (connected || pause == 250) {
                    LOG.warnf("Lost the event listener connection (%s); reconnecting", e.getMessage());
                }
                connected = false;
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = Math.min(pause * 2, 5000);
            }
        }
    }

    private void dispatch(String payload) {
        DomainEvent event;
        try {
            event = DomainEvent.fromPayload(payload);
        } catch (RuntimeException e) {
            LOG.warnf("Ignoring a malformed event notification");
            return;
        }
        for (Registration registration : registrations) {
            if (registration.filter().test(event)) {
                try {
                    registration.subscriber().accept(event);
                } catch (RuntimeException e) {
                    LOG.error("An event subscriber failed", e);
                }
            }
        }
    }

    private record Registration(Predicate<DomainEvent> filter, Consumer<DomainEvent> subscriber) {
    }
}

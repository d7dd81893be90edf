package io.graphqlusers.user;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Gives the dev-mode GraphQL UI something to show. Exists only in dev builds, so no production artifact can
 * seed; it goes through {@link UserService}, so the examples obey the same rules as any client's data. Runs after
 * the bootstrap ADMIN is created, and uses the same dev-only password.
 */
@ApplicationScoped
@IfBuildProfile("dev")
class DevUserSeeder {

    private static final Logger LOG = Logger.getLogger(DevUserSeeder.class);

    void seed(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent event, UserService users,
            @ConfigProperty(name = "app.auth.bootstrap-admin.password") String devPassword) {
        if (users.count(new UserFilter(null, null, Role.USER)) > 0) {
            return;
        }
        users.signUp("Alan Turing", "alan@example.com", devPassword);
        users.signUp("Grace Hopper", "grace@example.com", devPassword);
        users.signUp("Edsger Dijkstra", "edsger@example.com", devPassword);
        users.signUp("Barbara Liskov", "barbara@example.com", devPassword);
        LOG.info("Seeded 4 example users for dev mode (password: the dev bootstrap admin's)");
    }
}

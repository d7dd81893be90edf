package io.graphqlusers.auth;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.error.ApiException;
import io.graphqlusers.security.Password;
import io.graphqlusers.user.UserService;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates the first ADMIN from configuration ({@code APP_AUTH_BOOTSTRAP_ADMIN_EMAIL} and {@code _PASSWORD}) when no
 * ADMIN exists, so a fresh deployment can be administered without touching the database. Once any ADMIN exists it
 * does nothing, so rotating the variables later changes no account.
 */
@ApplicationScoped
class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    void create(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event, AppConfig config,
            UserService users) {
        AppConfig.Auth.BootstrapAdmin admin = config.auth().bootstrapAdmin();
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            return;
        }
        if (admin.password().get().length() < Password.MIN_LENGTH) {
            throw new IllegalStateException("app.auth.bootstrap-admin.password must have at least "
                    + Password.MIN_LENGTH + " characters");
        }
        try {
            if (users.createFirstAdmin(admin.name(), admin.email().get(), admin.password().get())) {
                LOG.infof("Created the first ADMIN account from app.auth.bootstrap-admin.*");
            }
        } catch (ApiException e) {
            // Another replica created it at the same moment, or a USER holds the email: nothing to do here.
            LOG.warnf("Bootstrap ADMIN not created: %s", e.getMessage());
        }
    }
}

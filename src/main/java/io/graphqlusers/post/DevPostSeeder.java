package io.graphqlusers.post;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Gives every dev-mode example user three posts, so nested queries ({@code users { nodes { posts { ... } } }}) have
 * something to show. Dev builds only; runs after the users are seeded.
 */
@ApplicationScoped
@IfBuildProfile("dev")
class DevPostSeeder {

    private static final Logger LOG = Logger.getLogger(DevPostSeeder.class);

    @Transactional
    void seed(@Observes @Priority(Interceptor.Priority.APPLICATION + 200) StartupEvent event, EntityManager em) {
        if (((Number) em.createNativeQuery("select count(*) from posts").getSingleResult()).longValue() > 0) {
            return;
        }
        int created = em.createNativeQuery("""
                insert into posts (author_id, title, body)
                select u.id, 'Note ' || n || ' by ' || u.name,
                       'Example post ' || n || ' of ' || u.name || ', seeded for dev mode.'
                from users u cross join generate_series(1, 3) as n
                order by u.id, n
                """).executeUpdate();
        LOG.infof("Seeded %d example posts for dev mode", created);
    }
}

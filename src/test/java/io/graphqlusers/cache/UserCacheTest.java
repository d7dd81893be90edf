package io.graphqlusers.cache;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.CacheRaces;
import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.graphqlusers.user.UserCache;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The users-by-id cache, in process (no Redis configured): a second read costs no SQL, every write path is visible
 * on the next read, and field rules still apply per caller.
 */
@QuarkusTest
class UserCacheTest {

    private static final String READ = "query($id: ID!) { user(id: $id) { name email role } }";

    @Inject
    Database database;

    @Inject
    UserCache cache;

    @Test
    void secondReadIsServedFromTheCache() {
        CreatedUser user = Users.aUser().create();
        GraphQLClient admin = GraphQLClient.admin();
        admin.execute(READ, vars("id", user.id()));
        long before = database.statementCount();
        admin.execute(READ, vars("id", user.id())).body("data.user.name", equalTo(user.name()));
        assertEquals(0, database.statementCount() - before);
    }

    @Test
    void aCopyReadJustBeforeAnUpdateIsNotCachedAfterIt() {
        CacheRaces.aCopyReadBeforeAnUpdateIsNotCached(cache, unusedId());
    }

    @Test
    void aCopyReadJustBeforeADeletionIsNotCachedAfterIt() {
        CacheRaces.aCopyReadBeforeADeletionIsNotCached(cache, unusedId());
    }

    /** Far above the database's ids: the loaders of these tests stand in for rows no other test reads. */
    private static long unusedId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41);
    }

    @Test
    void updatesAreVisibleAtOnce() {
        CreatedUser user = Users.aUser().create();
        GraphQLClient admin = GraphQLClient.admin();
        admin.execute(READ, vars("id", user.id()));
        admin.execute("mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }",
                vars("input", Map.of("id", user.id(), "name", "Renamed", "role", "ADMIN")));
        admin.execute(READ, vars("id", user.id()))
                .body("data.user", equalTo(Map.of("name", "Renamed", "email", user.email(), "role", "ADMIN")));
    }

    @Test
    void deletionsAreVisibleAtOnce() {
        CreatedUser user = Users.aUser().create();
        GraphQLClient admin = GraphQLClient.admin();
        admin.execute(READ, vars("id", user.id()));
        admin.execute("mutation($id: ID!) { deleteUser(input: {id: $id}) { deletedId } }", vars("id", user.id()));
        admin.execute(READ, vars("id", user.id())).body("data.user", nullValue());
    }

    @Test
    void cachedUsersStillFollowTheEmailRule() {
        CreatedUser user = Users.aUser().create();
        GraphQLClient.admin().execute(READ, vars("id", user.id())).body("data.user.email", equalTo(user.email()));
        Users.aUser().create().login().execute(READ, vars("id", user.id())).body("data.user.email", nullValue());
        user.login().execute(READ, vars("id", user.id())).body("data.user.email", equalTo(user.email()));
    }
}

package io.graphqlusers.cache;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.json.Json;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.graphqlusers.support.CacheRaces;
import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.RedisServer;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.graphqlusers.user.UserCache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * With Redis configured (a redis-server of the test's own): users and persisted queries live in Redis, writes evict
 * there, and a Redis outage in the middle of requests fails none of them.
 */
@QuarkusTest
@TestProfile(RedisCacheTest.WithRedis.class)
class RedisCacheTest {

    private static final String READ = "query($id: ID!) { user(id: $id) { name } }";

    @Inject
    Database database;

    @Inject
    UserCache cache;

    @AfterEach
    void redisIsBack() {
        if (!"PONG".equals(RedisServer.cli("ping"))) {
            RedisServer.start();
        }
    }

    @Test
    void usersAreCachedInRedisAndEvictedOnWrite() {
        CreatedUser user = Users.aUser().withName("In Redis").create();
        long id = databaseId(user.id());
        GraphQLClient admin = GraphQLClient.admin();
        admin.execute(READ, vars("id", user.id())).body("data.user.name", equalTo("In Redis"));
        assertTrue(RedisServer.cli("get", "graphql-users:user:" + id).contains("In Redis"));
        long before = database.statementCount();
        admin.execute(READ, vars("id", user.id())).body("data.user.name", equalTo("In Redis"));
        assertEquals(0, database.statementCount() - before, "served from Redis");

        admin.execute("mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }",
                vars("input", Map.of("id", user.id(), "name", "Changed")));
        // The eviction leaves a marker with the version the update committed, and no user.
        assertEquals("1|", RedisServer.cli("get", "graphql-users:user:" + id));
        admin.execute(READ, vars("id", user.id())).body("data.user.name", equalTo("Changed"));
    }

    @Test
    void aCopyReadJustBeforeAnUpdateIsNotCachedAfterIt() throws InterruptedException {
        awaitRedisInUse();
        CacheRaces.aCopyReadBeforeAnUpdateIsNotCached(cache, unusedId());
    }

    @Test
    void aCopyReadJustBeforeADeletionIsNotCachedAfterIt() throws InterruptedException {
        awaitRedisInUse();
        CacheRaces.aCopyReadBeforeADeletionIsNotCached(cache, unusedId());
    }

    /** After the outage test the service skips Redis for a while (its breaker): these tests need it in use. */
    private void awaitRedisInUse() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            long probe = unusedId();
            cache.evict(probe, 1);
            if (!RedisServer.cli("get", "graphql-users:user:" + probe).isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service does not use Redis again");
    }

    /** Far above the database's ids: the loaders of these tests stand in for rows no other test reads. */
    private static long unusedId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41);
    }

    @Test
    void aRedisOutageFailsNoRequest() {
        CreatedUser user = Users.aUser().withName("Outlasting").create();
        GraphQLClient admin = GraphQLClient.admin();
        admin.execute(READ, vars("id", user.id()));
        RedisServer.stop();
        for (int i = 0; i < 20; i++) {
            admin.execute(READ, vars("id", user.id())).body("errors", nullValue()).body("data.user.name",
                    equalTo("Outlasting"));
        }
        admin.execute("mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { name } } }",
                vars("input", Map.of("id", user.id(), "name", "Changed while down")))
                .body("data.updateUser.user.name", equalTo("Changed while down"));
        RedisServer.start();
        admin.execute(READ, vars("id", user.id())).body("data.user.name", equalTo("Changed while down"));
    }

    @Test
    void persistedQueriesAreSharedThroughRedis() {
        String query = "{ __typename } # " + Users.unique("apq-redis");
        String hash = PersistedQueryTest.sha256(query);
        GraphQLClient.admin().request().contentType(ContentType.JSON).body(Json.createObjectBuilder().add("query", query)
                .add("extensions", Json.createObjectBuilder().add("persistedQuery", Json.createObjectBuilder()
                        .add("version", 1).add("sha256Hash", hash)))
                .build().toString())
                .post("/graphql").then().statusCode(200);
        assertEquals(query, RedisServer.cli("get", "graphql-users:apq:" + hash));
    }

    private static long databaseId(String globalId) {
        return Long.parseLong(new String(java.util.Base64.getUrlDecoder().decode(globalId)).substring(5));
    }

    public static class WithRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A short breaker, so the recovery after the outage shows within the test.
            return Map.of("quarkus.redis.hosts", RedisServer.url(), "app.cache.redis-retry-after", "PT0.5S");
        }
    }
}

package io.graphqlusers.auth;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The last ADMIN can be neither demoted nor deleted. Each test empties the table, so it knows every ADMIN. */
@QuarkusTest
class LastAdminTest {

    private static final String DEMOTE = "mutation($id: ID!) { updateUser(input: {id: $id, role: USER}) { user { role } } }";
    private static final String DELETE = "mutation($id: ID!) { deleteUser(input: {id: $id}) { deletedId } }";

    @Inject
    Database database;

    @BeforeEach
    void emptyTable() {
        database.deleteAllUsers();
    }

    @Test
    void lastAdminCannotBeDemoted() {
        CreatedUser admin = Users.aUser().withRole("ADMIN").create();
        admin.login().execute(DEMOTE, vars("id", admin.id()))
                .body("data", nullValue())
                .body("errors[0].extensions", equalTo(Map.of("code", "CONFLICT", "field", "input.role")))
                .body("errors[0].message", equalTo("The last ADMIN cannot be demoted"));
    }

    @Test
    void lastAdminCannotBeDeleted() {
        CreatedUser admin = Users.aUser().withRole("ADMIN").create();
        admin.login().execute(DELETE, vars("id", admin.id()))
                .body("data", nullValue())
                .body("errors[0].extensions", equalTo(Map.of("code", "CONFLICT", "field", "input.id")))
                .body("errors[0].message", equalTo("The last ADMIN cannot be deleted"));
    }

    @Test
    void oneOfTwoAdminsCanGo() {
        CreatedUser first = Users.aUser().withRole("ADMIN").create();
        CreatedUser second = Users.aUser().withRole("ADMIN").create();
        first.login().execute(DEMOTE, vars("id", second.id())).body("data.updateUser.user.role", equalTo("USER"));
        first.login().execute(DELETE, vars("id", first.id()))
                .body("errors[0].extensions.code", equalTo("CONFLICT"));
    }

    @Test
    void concurrentDemotionsLeaveOneAdmin() throws Exception {
        CreatedUser first = Users.aUser().withRole("ADMIN").create();
        CreatedUser second = Users.aUser().withRole("ADMIN").create();
        GraphQLClient firstClient = first.login();
        GraphQLClient secondClient = second.login();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<JsonPath>> results = new ArrayList<>();
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return firstClient.execute(DEMOTE, vars("id", second.id())).extract().jsonPath();
            }));
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return secondClient.execute(DEMOTE, vars("id", first.id())).extract().jsonPath();
            }));
            start.countDown();
            int demoted = 0;
            for (Future<JsonPath> result : results) {
                JsonPath body = result.get(30, TimeUnit.SECONDS);
                if ("USER".equals(body.getString("data.updateUser.user.role"))) {
                    demoted++;
                } else {
                    assertEquals("CONFLICT", body.getString("errors[0].extensions.code"), body.prettify());
                }
            }
            assertEquals(1, demoted);
        } finally {
            pool.shutdownNow();
        }
        GraphQLClient.admin().execute("{ users(filter: {role: ADMIN}) { totalCount } }")
                .body("data.users.totalCount", equalTo(1));
    }
}

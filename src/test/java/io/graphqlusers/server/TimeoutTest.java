package io.graphqlusers.server;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;

/** A statement that waits past the statement timeout (1.5 s in tests) is cancelled with a clear error. */
@QuarkusTest
class TimeoutTest {

    @Inject
    Database database;

    @Test
    void statementBlockedPastTheTimeoutIsCancelledAndTheServiceCarriesOn() throws Exception {
        CreatedUser user = Users.aUser().create();
        long id = Long.parseLong(new String(java.util.Base64.getUrlDecoder().decode(user.id())).substring(5));
        GraphQLClient admin = GraphQLClient.admin();
        String update = "mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { name } } }";
        AutoCloseable lock = database.lockUser(id);
        try {
            admin.execute(update, vars("input", Map.of("id", user.id(), "name", "Blocked")))
                    .body("data", nullValue())
                    .body("errors[0].message", equalTo("The request took too long and was cancelled"))
                    .body("errors[0].extensions", equalTo(Map.of("code", "TIMEOUT")));
        } finally {
            lock.close();
        }
        // The cancelled statement's connection went back to the pool in working order.
        for (int i = 0; i < 20; i++) {
            admin.execute(update, vars("input", Map.of("id", user.id(), "name", "Unblocked " + i)))
                    .body("data.updateUser.user.name", equalTo("Unblocked " + i));
        }
    }
}

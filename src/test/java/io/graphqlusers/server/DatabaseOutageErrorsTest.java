package io.graphqlusers.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import io.graphqlusers.server.errors.ErrorTranslator;
import io.quarkus.arc.ArcUndeclaredThrowableException;

/**
 * How the ways a lost database surfaces are told to clients. The fault test (bench/faults) shows them under a real
 * PostgreSQL restart, but some only in a narrow window (a commit failing after its statements ran), so each is pinned
 * here too: all are SERVICE_UNAVAILABLE, the client's cue to retry, never INTERNAL_SERVER_ERROR.
 */
class DatabaseOutageErrorsTest {

    @Test
    void aLostConnectionIsServiceUnavailable() {
        assertCode("SERVICE_UNAVAILABLE", new RuntimeException(new SQLException("An I/O error occurred", "08006")));
    }

    @Test
    void aRestartingServerIsServiceUnavailable() {
        assertCode("SERVICE_UNAVAILABLE", new SQLException("the database system is shutting down", "57P03"));
    }

    @Test
    void anEmptyPoolIsServiceUnavailable() {
        assertCode("SERVICE_UNAVAILABLE", new RuntimeException(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void aCommitThatFailedIsServiceUnavailable() {
        assertCode("SERVICE_UNAVAILABLE", new ArcUndeclaredThrowableException("Error invoking subclass method",
                new RollbackException("ARJUNA016053: Could not commit transaction.")));
    }

    @Test
    void aCancelledStatementIsTimeout() {
        assertCode("TIMEOUT", new RuntimeException(new SQLException("canceling statement due to statement timeout",
                "57014")));
    }

    @Test
    void anythingElseStaysInternal() {
        assertCode("INTERNAL_SERVER_ERROR", new IllegalStateException("a bug"));
    }

    private static void assertCode(String code, Throwable thrown) {
        GraphQLError error = new ExceptionWhileDataFetching(ResultPath.rootPath().segment("users"), thrown,
                new SourceLocation(1, 3));
        List<GraphQLError> translated = ErrorTranslator.translateResult(List.of(error));
        assertEquals(code, translated.get(0).getExtensions().get("code"), () -> String.valueOf(
                translated.get(0).toSpecification()));
        if (!code.equals("INTERNAL_SERVER_ERROR")) {
            assertEquals(Map.of("code", code), translated.get(0).getExtensions());
        }
    }
}

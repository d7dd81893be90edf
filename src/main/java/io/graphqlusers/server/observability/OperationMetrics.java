package io.graphqlusers.server.observability;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import graphql.GraphQLError;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * {@code graphql_users_operations_seconds}: every GraphQL operation, tagged with its transport ({@code http}, or
 * {@code websocket} for queries, mutations and subscription starts sent on a socket), its operation type, its first
 * root field and its outcome (OK or the first error's code), with a latency histogram. Tags come from the schema and the
 * error vocabulary, never from client text (operation names are free text), so their number stays bounded.
 */
public final class OperationMetrics {

    private OperationMetrics() {
    }

    /** {@code type} and {@code rootField} are null for a request rejected before its operation was known. */
    public static void record(String transport, Long startedNanos, OperationDefinition.Operation type, String rootField,
            String outcome) {
        if (startedNanos == null) {
            return;
        }
        Timer.builder("graphql_users_operations").description("GraphQL operations")
                .tag("transport", transport)
                .tag("type", type == null ? "none" : type.name().toLowerCase(Locale.ROOT))
                .tag("field", rootField == null ? "none" : rootField)
                .tag("outcome", outcome).publishPercentileHistogram()
                .register(Metrics.globalRegistry).record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** OK, or the code of the first error (translated errors always have one). */
    public static String outcome(List<GraphQLError> errors) {
        return errors.isEmpty() ? "OK" : String.valueOf(errors.get(0).getExtensions().get("code"));
    }
}

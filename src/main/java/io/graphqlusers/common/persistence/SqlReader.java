package io.graphqlusers.common.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Read statements in plain JDBC: the rows of a query mapped straight to the API's records. Profiling a nested page
 * (20 users with 5 posts each) showed half of its CPU in the two reads, most of it in Hibernate's native-query
 * result handling and in the JTA transaction around each read (its COMMIT is a round trip of its own). A single
 * read statement needs neither: PostgreSQL runs it in one snapshot, and the connection goes back to the pool as soon
 * as the rows are read, so a request never holds a connection between its reads. Inside a caller's transaction the
 * pool hands out that transaction's connection, so a write path still reads its own writes.
 * <p>
 * Statements take named parameters ({@code :name}, as the fragments of {@link io.graphqlusers.common.page.Keyset}
 * use them), bound as PostgreSQL expects them: instants as {@code timestamptz}, enums
 * by name, collections as arrays (for {@code = any(:ids)}, one statement text for any number of ids, so its
 * server-side prepared plan is reused).
 */
@ApplicationScoped
public class SqlReader {

    private final AgroalDataSource dataSource;
    // Keyed by statement text, which callers assemble from fixed fragments (never from values): a bounded set.
    private final Map<String, Positional> statements = new ConcurrentHashMap<>();
    private final LongAdder executed = new LongAdder();

    SqlReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** A failed read; the {@link SQLException} is its cause, which the error translator classifies. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Every row of {@code sql} with these parameters, in the statement's order. */
    public <T> List<T> list(String sql, Map<String, ?> params, Row<T> row) {
        Positional statement = statements.computeIfAbsent(sql, Positional::parse);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prepared = connection.prepareStatement(statement.sql)) {
            for (int i = 0; i < statement.names.size(); i++) {
                bind(connection, prepared, i + 1, params, statement.names.get(i));
            }
            executed.increment();
            try (ResultSet rows = prepared.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(row.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** The first column of the only row of {@code sql}, a count for example. */
    public long single(String sql, Map<String, ?> params) {
        return list(sql, params, row -> row.getLong(1)).get(0);
    }

    /** Statements run so far: tests add these to Hibernate's to prove a constant number of statements per query. */
    public long executed() {
        return executed.sum();
    }

    /** A {@code timestamptz} column as the API shows times: in UTC (null for null). */
    public static OffsetDateTime utc(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Map<String, ?> params,
            String name) throws SQLException {
        if (!params.containsKey(name)) {
            throw new IllegalArgumentException("No value for parameter :" + name);
        }
        Object value = params.get(name);
        if (value instanceof Instant instant) {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else if (value instanceof Enum<?> constant) {
            statement.setString(index, constant.name());
        } else if (value instanceof Collection<?> values) {
            boolean text = !values.isEmpty() && values.iterator().next() instanceof String;
            statement.setArray(index, connection.createArrayOf(text ? "text" : "bigint", values.toArray()));
        } else {
            statement.setObject(index, value);
        }
    }

    /** A statement with {@code ?} in place of its named parameters, and the names in order. */
    private record Positional(String sql, List<String> names) {

        static Positional parse(String named) {
            StringBuilder sql = new StringBuilder(named.length());
            List<String> names = new ArrayList<>();
            int i = 0;
            while (i < named.length()) {
                char c = named.charAt(i);
                if (c == '\'') {
                    // A literal, copied whole: a colon inside it is text (doubled quotes stay inside).
                    int end = named.indexOf('\'', i + 1);
                    while (end >= 0 && end + 1 < named.length() && named.charAt(end + 1) == '\'') {
                        end = named.indexOf('\'', end + 2);
                    }
                    if (end < 0) {
                        throw new IllegalArgumentException("Unterminated literal in: " + named);
                    }
                    sql.append(named, i, end + 1);
                    i = end + 1;
                } else if (c == ':' && i + 1 < named.length() && named.charAt(i + 1) == ':') {
                    sql.append("::"); // a cast
                    i += 2;
                } else if (c == ':' && i + 1 < named.length() && Character.isJavaIdentifierStart(named.charAt(i + 1))) {
                    int end = i + 1;
                    while (end < named.length() && Character.isJavaIdentifierPart(named.charAt(end))) {
                        end++;
                    }
                    names.add(named.substring(i + 1, end));
                    sql.append('?');
                    i = end;
                } else {
                    sql.append(c);
                    i++;
                }
            }
            return new Positional(sql.toString(), List.copyOf(names));
        }
    }
}

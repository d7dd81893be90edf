package io.graphqlusers.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.SessionFactory;

import io.agroal.api.AgroalDataSource;
import io.graphqlusers.common.persistence.SqlReader;

/**
 * Direct access to the test database for what the API cannot do: empty a table for tests that need to know every
 * row, insert fixtures too large to create request by request, explain a query, and count the SQL statements a
 * request caused (Hibernate statistics, on in the test profile).
 */
@ApplicationScoped
public class Database {

    private static final String INSERT_USERS = """
            insert into users (name, email, role, password_hash, created_at, updated_at)
            select ? || ' ' || g, lower(?) || '-' || g || '@example.com', 'USER', '!', clock_timestamp(), clock_timestamp()
            from generate_series(1, ?) g order by g
            """;
    private static final String INSERT_POSTS = """
            insert into posts (author_id, title, body, created_at, updated_at)
            select u.id, 'Post ' || p || ' of ' || u.name, 'Body ' || p, clock_timestamp(), clock_timestamp()
            from users u cross join generate_series(1, ?) p
            where u.name like ? || ' %' order by u.id, p
            """;

    private final AgroalDataSource dataSource;
    private final SessionFactory sessionFactory;

    private final SqlReader reads;

    Database(AgroalDataSource dataSource, SessionFactory sessionFactory, SqlReader reads) {
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
        this.reads = reads;
    }

    public void deleteAllUsers() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE users CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Inserts {@code users} users named {@code "<prefix> <n>"} (n from 1, in creation order), each with
     * {@code postsEach} posts titled {@code "Post
     *
    <p>
     *  of <prefix> <n>"}. These accounts cannot log in.
     */
    public void insertUsersWithPosts(String prefix, int users, int postsEach) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insertUsers = connection.prepareStatement(INSERT_USERS);
                PreparedStatement insertPosts = connection.prepareStatement(INSERT_POSTS)) {
            insertUsers.setString(1, prefix);
            insertUsers.setString(2, prefix.replace(' ', '-'));
            insertUsers.setInt(3, users);
            insertUsers.executeUpdate();
            insertPosts.setInt(1, postsEach);
            insertPosts.setString(2, prefix);
            insertPosts.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The plan PostgreSQL chooses for {@code sql} when sequential scans and sorts are made unattractive, so that an
     * index able to deliver the rows (in order, where the query orders) shows up even on tiny test tables.
     */
    public String explainPreferringIndexes(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("SET LOCAL enable_seqscan = off");
                statement.execute("SET LOCAL enable_sort = off");
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives every post of the user named {@code name} a body of 20,000 characters; returns the user's database id. */
    public long growPostBodiesOf(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement grow = connection.prepareStatement("update posts set body = repeat('x', 20000) "
                        + "where author_id = (select id from users where name = ?) returning author_id")) {
            grow.setString(1, name);
            try (ResultSet rows = grow.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Announces posts {@code offset} to {@code offset + count - 1} (by id) of an author as created, in one transaction. */
    public void announcePostsOf(long authorId, int offset, int count) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement announce = connection.prepareStatement("select pg_notify('graphql_users_events', "
                        + "'postCreated:' || id || ':' || author_id) from (select id, author_id from posts "
                        + "where author_id = ? order by id offset ? limit ?) announced")) {
            announce.setLong(1, authorId);
            announce.setInt(2, offset);
            announce.setInt(3, count);
            announce.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends an event notification inside a transaction, then commits or rolls back. */
    public void notifyInTransaction(String payload, boolean commit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("select pg_notify('graphql_users_events', ?)")) {
            connection.setAutoCommit(false);
            notify.setString(1, payload);
            notify.execute();
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Holds a row lock on a user until closed, as a long transaction elsewhere would. */
    public AutoCloseable lockUser(long id) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("select id from users where id = ? for update")) {
                lock.setLong(1, id);
                lock.executeQuery().close();
            }
            return () -> {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.close();
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Statements run so far by the service (Hibernate's and the plain-JDBC reads), across all requests. */
    public long statementCount() {
        return sessionFactory.getStatistics().getPrepareStatementCount() + reads.executed();
    }
}

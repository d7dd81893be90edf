package io.graphqlusers.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.error.ApiException;
import io.graphqlusers.common.error.ErrorCode;
import io.graphqlusers.common.events.DomainEvent;
import io.graphqlusers.common.events.EventPublisher;
import io.graphqlusers.common.node.GlobalId;
import io.graphqlusers.common.node.NodeFetcher;
import io.graphqlusers.common.page.Cursor;
import io.graphqlusers.common.page.Keyset;
import io.graphqlusers.common.page.Keyset.Conditions;
import io.graphqlusers.common.page.OrderDirection;
import io.graphqlusers.common.page.Page;
import io.graphqlusers.common.page.PageRequest;
import io.graphqlusers.common.persistence.SqlReader;
import io.graphqlusers.security.Caller;
import io.graphqlusers.security.PasswordHasher;

/**
 * Reads and writes users. Entities never leave: callers get {@link User} records.
 * <p>
 * Reads are single SQL statements through {@link SqlReader}, without a transaction (one statement is one snapshot):
 * they select only the columns a query shows, which is what made them faster than Hibernate's (see the README).
 * Writes go through the Panache entity {@link UserEntity}, each in its own transaction: the methods marked
 * {@code @Transactional}, and only those. A Hibernate read outside a transaction would keep its connection in the
 * request's session until the request ends, while the request's batched fields take connections of their own; enough
 * concurrent requests would then hold the whole pool and wait for each other. So nothing here touches an entity
 * outside a transaction.
 */
@ApplicationScoped
public class UserService implements NodeFetcher {

    private static final String CURSOR_SCOPE = "users";
    private static final String EMAIL_CONSTRAINT = "users_email_key";
    // What a User shows, in toUser's order: never the password hash.
    private static final String COLUMNS = "id, name, email, role, version, created_at, updated_at";
    // A page whose nodes show only id, name and email, and no cursor: the other columns as nulls, which the driver
    // need not decode (Q3 of the benchmark, a hundred users, read 200 timestamps it never showed). Unnamed, so that
    // ORDER BY created_at still means the table's column.
    private static final String LISTING_COLUMNS = "id, name, email, null, null, null::timestamptz, null::timestamptz";
    private static final UserOrder DEFAULT_ORDER = new UserOrder(UserOrderField.CREATED_AT, OrderDirection.ASC);

    /** The event every replica hears when a user is created (subscription {@code userCreated}). */
    public static final String USER_CREATED = "userCreated";

    private final AppConfig config;
    private final PasswordHasher passwords;
    private final EventPublisher events;
    private final UserCache cache;
    private final TransactionSynchronizationRegistry transactions;
    private final SqlReader sql;

    UserService(AppConfig config, PasswordHasher passwords, EventPublisher events, UserCache cache,
            TransactionSynchronizationRegistry transactions, SqlReader sql) {
        this.sql = sql;
        this.config = config;
        this.passwords = passwords;
        this.events = events;
        this.cache = cache;
        this.transactions = transactions;
    }

    @Override
    public String type() {
        return User.TYPE;
    }

    /** Users by id, through the cache. */
    @Override
    public Map<Long, User> fetch(Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : cache.getAll(ids, this::load);
    }

    public Optional<User> findById(String globalId, String argument) {
        return cache.get(GlobalId.decode(globalId, User.TYPE, argument), this::load);
    }

    private Map<Long, User> load(Set<Long> ids) {
        Map<Long, User> users = new HashMap<>();
        sql.list("select " + COLUMNS + " from users where id = any(:ids)", Map.of("ids", ids), UserService::toUser)
                .forEach(user -> users.put(user.databaseId(), user));
        return users;
    }

    /**
     * After the transaction commits: forget the cached user here and in Redis, and tell the other replicas (whose
     * in-process caches evict when the notification arrives, which is also only after commit). {@code version} is the
     * one this transaction wrote ({@link UserCache#DELETED} for a deletion): a copy read before it is not cached again.
     */
    private void changed(long id, long version) {
        events.publish(new DomainEvent(UserCache.CHANGED, id, 0, version));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    cache.evict(id, version);
                }
            }
        });
    }

    /** The user a token's subject names; empty when it names no (longer existing) user. */
    public Optional<User> findCaller(String subject) {
        try {
            return findById(subject, "sub");
        } catch (ApiException notAUserId) {
            return Optional.empty();
        }
    }

    /**
     * @param withDetails whether the page shows more of its users than id, name and email (role, version, times) or
     *        selects cursors; without, those fields are null and must not be shown
     */
    public UserConnection list(Integer first, String after, Integer last, String before, UserFilter filter,
            UserOrder orderBy, boolean withDetails) {
        UserOrder order = orderBy == null ? DEFAULT_ORDER
                : new UserOrder(orderBy.field(), orderBy.direction() == null ? OrderDirection.ASC : orderBy.direction());
        String orderName = order.field() + ":" + order.direction();
        PageRequest page = PageRequest.of(first, after, last, before, CURSOR_SCOPE, orderName, config.page());
        Keyset keyset = order.field() == UserOrderField.NAME
                ? new Keyset("name", "id", order.direction(), (cursor, argument) -> cursor.key())
                : new Keyset("created_at", "id", order.direction(), Keyset::instantKey);
        Conditions where = conditions(filter);
        keyset.restrict(where, page);
        where.param("limit", Page.fetchSize(page));
        List<User> users = sql.list("select " + (withDetails ? COLUMNS : LISTING_COLUMNS) + " from users"
                + where.clause() + keyset.orderBy(page) + " limit :limit", where.params(), UserService::toUser);
        return UserConnection.of(Page.of(users, page, user -> cursorOf(user, order.field(), orderName)), filter);
    }

    public int count(UserFilter filter) {
        Conditions where = conditions(filter);
        return Math.toIntExact(sql.single("select count(*) from users" + where.clause(), where.params()));
    }

    /** An ADMIN creating an account (the API guards the role). */
    @Transactional
    public User create(CreateUserInput input) {
        return insert(input.name(), input.email(), input.password(), input.role() == null ? Role.USER : input.role());
    }

    /** Self-service registration: always a USER. */
    @Transactional
    public User signUp(String name, String email, String password) {
        return insert(name, email, password, Role.USER);
    }

    /**
     * The user with this email and password. An unknown email costs a dummy verification and gets the same error
     * as a wrong password, so neither the answer nor its timing tells which accounts exist.
     */
    public User authenticate(String email, String password) {
        List<Credentials> found = sql.list("select " + COLUMNS + ", password_hash from users where email = :email",
                Map.of("email", UserEmail.Validator.normalise(email)),
                row -> new Credentials(toUser(row), row.getString(8)));
        if (found.isEmpty()) {
            passwords.verifyNothing(password);
        } else if (passwords.matches(password, found.get(0).passwordHash())) {
            return found.get(0).user();
        }
        throw new ApiException(ErrorCode.UNAUTHENTICATED, "Invalid email or password");
    }

    private record Credentials(User user, String passwordHash) {
    }

    /** Creates the first ADMIN when none exists; false when one already does. */
    @Transactional
    public boolean createFirstAdmin(String name, String email, String password) {
        if (lockAdmins() > 0) {
            return false;
        }
        insert(name, email, password, Role.ADMIN);
        return true;
    }

    private User insert(String name, String email, String password, Role role) {
        UserEntity entity = new UserEntity();
        entity.name = UserName.Validator.normalise(name);
        entity.email = UserEmail.Validator.normalise(email);
        entity.role = role;
        entity.passwordHash = passwords.hash(password);
        requireFreeEmail(entity.email, 0);
        write(entity::persist);
        events.publish(new DomainEvent(USER_CREATED, entity.id, 0));
        return User.from(entity);
    }

    /**
     * Users may change their own name, email and password (the latter with the current one); an ADMIN may change
     * anything of anyone, roles included, except demoting the last ADMIN.
     */
    @Transactional
    public User update(UpdateUserInput input, Caller caller) {
        long id = GlobalId.decode(input.id(), User.TYPE, "input.id");
        boolean self = caller.userId().map(GlobalId.encode(User.TYPE, id)::equals).orElse(false);
        if (!self && !caller.isAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "You may only update your own account");
        }
        if (input.role() != null && !caller.isAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only an ADMIN may change roles");
        }
        UserEntity entity = UserEntity.findById(id);
        if (entity == null) {
            throw ApiException.notFound("No user with this ID");
        }
        if (input.version() != null && input.version() != entity.version) {
            throw ApiException.conflict("The user was changed by another request (version " + entity.version
                    + "); read it again and retry", "input.version");
        }
        if (input.name() != null) {
            entity.name = UserName.Validator.normalise(input.name());
        }
        if (input.email() != null) {
            String email = UserEmail.Validator.normalise(input.email());
            if (!email.equals(entity.email)) {
                requireFreeEmail(email, entity.id);
                entity.email = email;
            }
        }
        if (input.password() != null) {
            if (self && (input.currentPassword() == null || !passwords.matches(input.currentPassword(), entity.passwordHash))) {
                throw ApiException.badInput("The current password is missing or wrong", "input.currentPassword");
            }
            entity.passwordHash = passwords.hash(input.password());
        }
        if (input.role() != null && input.role() != entity.role) {
            if (entity.role == Role.ADMIN && lockAdmins() <= 1) {
                throw ApiException.conflict("The last ADMIN cannot be demoted", "input.role");
            }
            entity.role = input.role();
        }
        // Not a method reference: that names PanacheEntityBase.flush, which only the entity's generated copy implements.
        write(() -> UserEntity.flush());
        changed(entity.id, entity.version);
        return User.from(entity);
    }

    /** Deletes a user (the API allows only ADMINs); never the last ADMIN. */
    @Transactional
    public String delete(DeleteUserInput input) {
        long id = GlobalId.decode(input.id(), User.TYPE, "input.id");
        UserEntity entity = UserEntity.findById(id);
        if (entity == null) {
            throw ApiException.notFound("No user with this ID");
        }
        if (entity.role == Role.ADMIN && lockAdmins() <= 1) {
            throw ApiException.conflict("The last ADMIN cannot be deleted", "input.id");
        }
        entity.delete();
        changed(id, UserCache.DELETED);
        return input.id();
    }

    /**
     * Locks every ADMIN row until the transaction ends and returns how many there are. Two requests demoting or
     * deleting the last two ADMINs at once are thereby serialised, and the second sees only one ADMIN left.
     */
    private int lockAdmins() {
        return UserEntity.find("role", Role.ADMIN).withLock(LockModeType.PESSIMISTIC_WRITE).list().size();
    }

    private void requireFreeEmail(String email, long exceptId) {
        long taken = UserEntity.count("email = ?1 and id <> ?2", email, exceptId);
        if (taken > 0) {
            throw emailTaken();
        }
    }

    /**
     * Runs a statement-issuing call (persist, which inserts at once for identity ids, or flush) so that a
     * unique-index violation, which the check above cannot rule out under concurrency, surfaces as CONFLICT
     * instead of an internal error.
     */
    private static void write(Runnable statement) {
        try {
            statement.run();
        } catch (ConstraintViolationException e) {
            if (EMAIL_CONSTRAINT.equals(e.getConstraintName())) {
                throw emailTaken();
            }
            throw e;
        }
    }

    private static ApiException emailTaken() {
        return ApiException.conflict("A user with this email already exists", "input.email");
    }

    private static Role role(String name) {
        return name == null ? null : Role.valueOf(name);
    }

    private static User toUser(ResultSet row) throws SQLException {
        long id = row.getLong(1);
        return new User(GlobalId.encode(User.TYPE, id), row.getString(2), row.getString(3), role(row.getString(4)),
                Math.toIntExact(row.getLong(5)), SqlReader.utc(row, 6), SqlReader.utc(row, 7), id);
    }

    private static Cursor cursorOf(User user, UserOrderField field, String order) {
        String key = field == UserOrderField.NAME ? user.name() : user.createdAt().toInstant().toString();
        return new Cursor(CURSOR_SCOPE, order, key, user.databaseId());
    }

    private static Conditions conditions(UserFilter filter) {
        Conditions where = new Conditions();
        if (filter != null) {
            if (filter.nameContains() != null) {
                where.add("name ilike :name escape '\\'").param("name", Conditions.containsPattern(filter.nameContains()));
            }
            if (filter.emailContains() != null) {
                where.add("email ilike :email escape '\\'").param("email", Conditions.containsPattern(filter.emailContains()));
            }
            if (filter.role() != null) {
                where.add("role = :role").param("role", filter.role());
            }
        }
        return where;
    }
}

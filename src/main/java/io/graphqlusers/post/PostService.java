package io.graphqlusers.post;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
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

/**
 * Reads and writes posts. Reads are single SQL statements through {@link SqlReader} that fetch only what the query
 * selected (the body only when asked for) and page by keyset; the posts of many users come from one LATERAL query.
 * Reads need no transaction (they join the caller's, if any). Writes go through the Panache entity {@link PostEntity},
 * each in its own transaction: the methods marked {@code @Transactional}, and only those.
 */
@ApplicationScoped
public class PostService implements NodeFetcher {

    private static final String CURSOR_SCOPE = "posts";
    private static final String AUTHOR_CONSTRAINT = "posts_author_id_fkey";
    private static final PostOrder DEFAULT_ORDER = new PostOrder(PostOrderField.CREATED_AT, OrderDirection.ASC);
    private static final String USER_TYPE = "User";

    /** Events every replica hears (subscriptions {@code postCreated} and {@code postUpdated}). */
    public static final String POST_CREATED = "postCreated";
    public static final String POST_UPDATED = "postUpdated";

    private final AppConfig config;
    private final EventPublisher events;
    private final SqlReader sql;

    PostService(AppConfig config, EventPublisher events, SqlReader sql) {
        this.sql = sql;
        this.config = config;
        this.events = events;
    }

    @Override
    public String type() {
        return Post.TYPE;
    }

    @Override
    public Map<Long, Post> fetch(Collection<Long> ids) {
        Map<Long, Post> posts = new HashMap<>();
        if (!ids.isEmpty()) {
            sql.list("select " + columns(true, true) + " from posts p where p.id = any(:ids)", Map.of("ids", ids),
                    PostService::toPost).forEach(post -> posts.put(post.databaseId(), post));
        }
        return posts;
    }

    public Optional<Post> findById(String globalId, boolean withBody) {
        long id = GlobalId.decode(globalId, Post.TYPE, "id");
        return sql.list("select " + columns(withBody, true) + " from posts p where p.id = :id", Map.of("id", id),
                PostService::toPost).stream().findFirst();
    }

    public PostConnection list(PageArguments arguments, PostFilter filter) {
        PostCriteria criteria = criteria(filter);
        Ordering ordering = ordering(arguments.orderBy());
        PageRequest page = arguments.page(ordering.name(), config.page());
        Conditions where = conditions(criteria);
        ordering.keyset().restrict(where, page);
        where.param("limit", Page.fetchSize(page));
        List<Post> posts = sql
                .list("select " + columns(arguments.withBody(), arguments.withDetails()) + " from posts p" + where.clause()
                        + ordering.keyset().orderBy(page) + " limit :limit", where.params(), PostService::toPost);
        return PostConnection.of(Page.of(posts, page, ordering::cursorOf), criteria);
    }

    /**
     * One page of posts for each author, in one statement: for every author a LATERAL subquery walks the
     * {@code (author_id, key, id)} index and stops after a page, so the cost grows with the page, not with how many
     * posts an author has. The authors come as one array parameter: the same statement text for any number of them.
     */
    public Map<Long, PostConnection> pagesByAuthor(Set<Long> authorIds, PageArguments arguments) {
        Ordering ordering = ordering(arguments.orderBy());
        PageRequest page = arguments.page(ordering.name(), config.page());
        Conditions where = new Conditions().add("p.author_id = a.id");
        ordering.keyset().restrict(where, page);
        where.param("limit", Page.fetchSize(page)).param("authors", authorIds);
        List<Post> posts = sql.list("select p.* from unnest(:authors) a(id) cross join lateral (select "
                + columns(arguments.withBody(), arguments.withDetails()) + " from posts p" + where.clause()
                + ordering.keyset().orderBy(page)
                + " limit :limit) p", where.params(), PostService::toPost);
        Map<Long, List<Post>> byAuthor = new HashMap<>();
        for (Post post : posts) {
            byAuthor.computeIfAbsent(post.authorId(), author -> new ArrayList<>()).add(post);
        }
        Map<Long, PostConnection> connections = new HashMap<>();
        for (Long author : authorIds) {
            connections.put(author, PostConnection.of(Page.of(byAuthor.getOrDefault(author, List.of()), page,
                    ordering::cursorOf), PostCriteria.ofAuthor(author)));
        }
        return connections;
    }

    /** Counts for several criteria: all author-only ones in one grouped statement, any other one by one. */
    public Map<PostCriteria, Integer> counts(Set<PostCriteria> criteria) {
        Map<PostCriteria, Integer> counts = new HashMap<>();
        Map<Long, PostCriteria> byAuthor = new HashMap<>();
        for (PostCriteria each : criteria) {
            if (each.authorOnly()) {
                byAuthor.put(each.authorId(), each);
                counts.put(each, 0);
            } else {
                Conditions where = conditions(each);
                counts.put(each, Math.toIntExact(sql.single("select count(*) from posts p" + where.clause(),
                        where.params())));
            }
        }
        if (!byAuthor.isEmpty()) {
            sql.list("select p.author_id, count(*) from posts p where p.author_id = any(:authors) group by p.author_id",
                    Map.of("authors", byAuthor.keySet()), row -> {
                        counts.put(byAuthor.get(row.getLong(1)), Math.toIntExact(row.getLong(2)));
                        return null;
                    });
        }
        return counts;
    }

    @Transactional
    public Post create(CreatePostInput input, Caller caller) {
        String userId = caller.userId().orElseThrow(() -> new ApiException(ErrorCode.UNAUTHENTICATED,
                ErrorCode.UNAUTHENTICATED.refusalMessage()));
        PostEntity entity = new PostEntity();
        entity.authorId = GlobalId.decode(userId, USER_TYPE, "sub");
        entity.title = PostTitle.Validator.normalise(input.title());
        entity.body = input.body();
        try {
            entity.persist();
        } catch (ConstraintViolationException e) {
            if (AUTHOR_CONSTRAINT.equals(e.getConstraintName())) {
                throw ApiException.notFound("Your account no longer exists");
            }
            throw e;
        }
        events.publish(new DomainEvent(POST_CREATED, entity.id, entity.authorId));
        return toPost(entity);
    }

    /** The author or an ADMIN may change title and body; a stale {@code version} is a CONFLICT. */
    @Transactional
    public Post update(UpdatePostInput input, Caller caller) {
        PostEntity entity = editable(input.id(), caller, "update");
        if (input.version() != null && input.version() != entity.version) {
            throw ApiException.conflict("The post was changed by another request (version " + entity.version
                    + "); read it again and retry", "input.version");
        }
        if (input.title() != null) {
            entity.title = PostTitle.Validator.normalise(input.title());
        }
        if (input.body() != null) {
            entity.body = input.body();
        }
        PostEntity.flush();
        events.publish(new DomainEvent(POST_UPDATED, entity.id, entity.authorId));
        return toPost(entity);
    }

    @Transactional
    public String delete(DeletePostInput input, Caller caller) {
        editable(input.id(), caller, "delete").delete();
        return input.id();
    }

    private PostEntity editable(String globalId, Caller caller, String action) {
        PostEntity entity = PostEntity.findById(GlobalId.decode(globalId, Post.TYPE, "input.id"));
        if (entity == null) {
            throw ApiException.notFound("No post with this ID");
        }
        if (!caller.isSelfOrAdmin(GlobalId.encode(USER_TYPE, entity.authorId))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only the author or an ADMIN may " + action + " a post");
        }
        return entity;
    }

    private static PostCriteria criteria(PostFilter filter) {
        if (filter == null) {
            return PostCriteria.ALL;
        }
        Long author = filter.authorId() == null ? null : GlobalId.decode(filter.authorId(), USER_TYPE, "filter.authorId");
        return new PostCriteria(author, filter.titleContains());
    }

    private static Conditions conditions(PostCriteria criteria) {
        Conditions where = new Conditions();
        if (criteria.authorId() != null) {
            where.add("p.author_id = :author").param("author", criteria.authorId());
        }
        if (criteria.titleContains() != null) {
            where.add("p.title ilike :title escape '\\'").param("title", Conditions.containsPattern(criteria.titleContains()));
        }
        return where;
    }

    private static String columns(boolean withBody, boolean withDetails) {
        // Without the body PostgreSQL never reads the (possibly TOASTed) text: listing titles stays cheap. Without the
        // details (times, version) the driver decodes no timestamps: a nested page of 100 posts read 200 it never
        // showed. Placeholders unnamed, so that an ORDER BY still means the table's columns.
        return "p.id, p.author_id, p.title, " + (withBody ? "p.body" : "null") + " as body, "
                + (withDetails ? "p.created_at, p.updated_at, p.version" : "null::timestamptz, null::timestamptz, null::int8");
    }

    private static Post toPost(ResultSet row) throws SQLException {
        long id = row.getLong(1);
        return new Post(GlobalId.encode(Post.TYPE, id), row.getString(3), row.getString(4),
                Math.toIntExact(row.getLong(7)), SqlReader.utc(row, 5), SqlReader.utc(row, 6), row.getLong(2), id);
    }

    private static Post toPost(PostEntity entity) {
        return new Post(GlobalId.encode(Post.TYPE, entity.id), entity.title, entity.body, Math.toIntExact(entity.version),
                entity.createdAt.atOffset(ZoneOffset.UTC), entity.updatedAt.atOffset(ZoneOffset.UTC), entity.authorId,
                entity.id);
    }

    private static Ordering ordering(PostOrder orderBy) {
        PostOrder order = orderBy == null ? DEFAULT_ORDER
                : new PostOrder(orderBy.field(), orderBy.direction() == null ? OrderDirection.ASC : orderBy.direction());
        return new Ordering(order);
    }

    /** A post order with its cursor name, keyset columns and cursor keys. */
    private record Ordering(PostOrder order) {

        String name() {
            return order.field() + ":" + order.direction();
        }

        Keyset keyset() {
            return order.field() == PostOrderField.TITLE
                    ? new Keyset("p.title", "p.id", order.direction(), (cursor, argument) -> cursor.key())
                    : new Keyset("p.created_at", "p.id", order.direction(), Keyset::instantKey);
        }

        Cursor cursorOf(Post post) {
            String key = order.field() == PostOrderField.TITLE ? post.title() : post.createdAt().toInstant().toString();
            return new Cursor(CURSOR_SCOPE, name(), key, post.databaseId());
        }
    }

    /**
     * Rejects invalid page arguments before they are batched, so the error belongs to the field that sent them. No
     * database work, and called once per user on a page: no transaction, no interceptor.
     */
    public void check(PageArguments arguments) {
        arguments.page(ordering(arguments.orderBy()).name(), config.page());
    }

    /**
     * The arguments of a posts connection field, and which columns the query needs. Equal arguments share a batch, so
     * this is also the batch key of {@code User.posts}.
     *
     * @param withBody whether the posts' bodies are shown (else null)
     * @param withDetails whether their times and version are shown or cursors selected (else null and 0)
     */
    public record PageArguments(Integer first, String after, Integer last, String before, PostOrder orderBy,
            boolean withBody, boolean withDetails) {

        PageRequest page(String order, AppConfig.Page limits) {
            return PageRequest.of(first, after, last, before, CURSOR_SCOPE, order, limits);
        }

        // Written out: a batch compares every parent's arguments, and on JDK 17 a record's generated equals and
        // hashCode (method-handle chains) were at times left uncompiled, a quarter of a nested page's CPU.
        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof PageArguments that && withBody == that.withBody
                    && withDetails == that.withDetails && Objects.equals(first, that.first)
                    && Objects.equals(last, that.last) && Objects.equals(after, that.after)
                    && Objects.equals(before, that.before) && Objects.equals(orderBy, that.orderBy);
        }

        @Override
        public int hashCode() {
            int hash = Objects.hashCode(first);
            hash = 31 * hash + Objects.hashCode(after);
            hash = 31 * hash + Objects.hashCode(last);
            hash = 31 * hash + Objects.hashCode(before);
            hash = 31 * hash + Objects.hashCode(orderBy);
            return 31 * (31 * hash + Boolean.hashCode(withBody)) + Boolean.hashCode(withDetails);
        }
    }
}

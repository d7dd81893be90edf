package io.graphqlusers.server.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import org.jboss.logging.Logger;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.language.OperationDefinition;
import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.error.ErrorCode;
import io.graphqlusers.security.Caller;
import io.graphqlusers.server.errors.ErrorTranslator;
import io.graphqlusers.server.execution.DirectExecutor;
import io.graphqlusers.server.guard.DocumentAnalyzer;
import io.graphqlusers.server.guard.RateLimiter;
import io.graphqlusers.server.json.JsonVariables;
import io.graphqlusers.server.json.Jsonp;
import io.graphqlusers.server.observability.OperationMetrics;
import io.graphqlusers.server.persisted.PersistedQueries;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The GraphQL HTTP transport. It replaces the SmallRye GraphQL handler for {@code POST} and {@code GET /graphql} (GET:
 * queries only, and automatic persisted queries on both) so that every
 * request is checked here first (media types, body shape, syntax, schema validity, depth and cost) and every
 * response leaves through {@link ErrorTranslator}. SmallRye's handler answers parse failures with a bare
 * "Unparseable input document" and no code, and rewrites raw newlines inside the body, which corrupts block
 * strings; execution itself (data fetchers, batching, security, events) is still SmallRye's.
 * <p>
 * Extends Quarkus's abstract handler for the request-context and security-identity plumbing every GraphQL
 * execution needs, which keeps identity propagation identical to the built-in endpoint.
 */
public class GraphQLHttpHandler extends SmallRyeGraphQLAbstractHandler {

    private static final JsonProvider JSONP = Jsonp.PROVIDER;
    private static final Logger LOG = Logger.getLogger(GraphQLHttpHandler.class);

    static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    private static final String REQUEST = "graphql-users.request";
    private static final String RESPONSE_TYPE = "graphql-users.response-type";
    /** The hash under which to keep the request's document, once it passed every check. */
    private static final String REGISTER = "graphql-users.persisted-query";
    private static final String TIMER = "graphql-users.execution-timer";
    /** Set once the response is being answered, by the execution or by its timeout. */
    private static final String ANSWERING = "graphql-users.answering";
    private static final String STARTED = "graphql-users.started";
    private static final String OPERATION_TYPE = "graphql-users.operation-type";
    private static final String ROOT_FIELD = "graphql-users.root-field";
    static final String JSON = "application/json";

    private final DocumentAnalyzer analyzer;
    private final PersistedQueries persistedQueries;
    private final boolean getEnabled;
    private final AppConfig.Limits limits;
    private final RateLimiter rateLimiter;
    private final DirectExecutor direct;
    private final Caller caller;

    GraphQLHttpHandler(CurrentIdentityAssociation identity, CurrentVertxRequest request, DocumentAnalyzer analyzer,
            PersistedQueries persistedQueries, AppConfig config, RateLimiter rateLimiter, DirectExecutor direct,
            Caller caller) {
        // runBlocking=true: doHandle runs on a worker thread (GraphQLRoutes), so resolvers run inline on it.
        super(identity, request, true);
        this.analyzer = analyzer;
        this.persistedQueries = persistedQueries;
        this.getEnabled = config.http().getEnabled();
        this.limits = config.limits();
        this.rateLimiter = rateLimiter;
        this.direct = direct;
        this.caller = caller;
    }

    /**
     * The first step, a route handler of its own: reads the request (body or query string) and resolves a persisted
     * query, which may wait for Redis without blocking the event loop, then hands over to {@link #doHandle}.
     */
    void read(RoutingContext ctx) {
        ctx.put(STARTED, System.nanoTime());
        String responseType = MediaTypes.negotiate(ctx.request().getHeader(HttpHeaders.ACCEPT));
        if (responseType == null) {
            respond(ctx, 406, JSON, ErrorCode.BAD_REQUEST,
                    "Accept must allow " + GRAPHQL_RESPONSE_JSON + " or " + JSON);
            return;
        }
        long wait = rateLimiter.acquire(RateLimiter.client(ctx));
        if (wait > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(wait));
            respond(ctx, 429, responseType, RateLimiter.refusal(wait));
            return;
        }
        JsonObject body = ctx.request().method() == HttpMethod.GET ? fromQueryString(ctx, responseType)
                : fromBody(ctx, responseType);
        if (body == null) {
            return;
        }
        String problem = shapeProblem(body);
        if (problem != null) {
            respond(ctx, 400, responseType, ErrorCode.BAD_REQUEST, problem);
            return;
        }
        int variablesSize = body.get("variables") instanceof JsonObject variables ? variables.toString().length() : 0;
        if (variablesSize > limits.maxVariablesSize()) {
            write(ctx, responseType, ExecutionResultImpl.newExecutionResult().addError(ErrorTranslator.error(
                    ErrorCode.BAD_USER_INPUT, "The variables have " + variablesSize + " characters, more than the maximum of "
                            + limits.maxVariablesSize(),
                    Map.of("limit", "maxVariablesSize"))).build());
            return;
        }
        withPersistedQuery(ctx, responseType, body).subscribe().with(resolved -> {
            if (resolved != null) {
                ctx.put(REQUEST, resolved);
                ctx.put(RESPONSE_TYPE, responseType);
                ctx.next();
            }
        }, ctx::fail);
    }

    @Override
    protected void doHandle(RoutingContext ctx) {
        caller.cameFrom(ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress());
        JsonObject body = ctx.get(REQUEST);
        String responseType = ctx.get(RESPONSE_TYPE);
        String query = body.getString("query");
        String operationName = body.get("operationName") instanceof JsonString name ? name.getString() : null;
        Map<String, Object> variables = body.get("variables") instanceof JsonObject object ? JsonVariables.toMap(object)
                : Map.of();

        List<GraphQLError> rejected = analyzer.check(query, operationName, variables,
                ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null);
        if (!rejected.isEmpty()) {
            write(ctx, responseType, ExecutionResultImpl.newExecutionResult().errors(rejected).build());
            return;
        }
        OperationDefinition.Operation type = analyzer.operation(query, operationName);
        ctx.put(OPERATION_TYPE, type);
        ctx.put(ROOT_FIELD, analyzer.rootField(query, operationName));
        if (ctx.request().method() == HttpMethod.GET && type != OperationDefinition.Operation.QUERY) {
            // A GET must not change anything (and may be sent cross-site without preflight): queries only.
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            respond(ctx, 405, responseType, ErrorCode.BAD_REQUEST, "Only queries may be sent with GET; use POST");
            return;
        }
        String register = ctx.get(REGISTER);
        if (register != null) {
            persistedQueries.register(register, query, RateLimiter.client(ctx));
        }
        // Cancelled by send(). Not through ctx.addEndHandler: that replaces the response end handler with which
        // Quarkus terminates the request context, and request-scoped sessions would keep their connections.
        ctx.put(ANSWERING, new AtomicBoolean());
        ctx.put(TIMER, ctx.vertx().setTimer(limits.executionTimeout().toMillis(), id -> {
            if (claim(ctx)) {
                ctx.response().putHeader("Retry-After", "1");
                end(ctx, 503, responseType, errorBody(ErrorTranslator.abandoned()), ErrorCode.TIMEOUT.name());
            }
        }));
        if (type == OperationDefinition.Operation.QUERY) {
            Buffer answer = direct.execute(analyzer.parsed(query), operationName, variables);
            if (answer != null) {
                send(ctx, 200, responseType, answer, "OK");
                return;
            }
        }
        getExecutionService().executeAsync(body, getMetaData(ctx), new Writer(ctx, responseType));
    }

    private static JsonObject fromBody(RoutingContext ctx, String responseType) {
        if (!MediaTypes.isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            respond(ctx, 415, responseType, ErrorCode.BAD_REQUEST, "Content-Type must be " + JSON);
            return null;
        }
        try {
            JsonValue value = Jsonp.read(
                    ctx.body() == null || ctx.body().buffer() == null ? ""
                            : ctx.body().asString(StandardCharsets.UTF_8.name()));
            if (value.getValueType() == JsonValue.ValueType.ARRAY) {
                // Batches multiply the work of one request past every per-document limit.
                respond(ctx, 400, responseType, ErrorCode.BAD_REQUEST, "Batched requests (a JSON array) are not "
                        + "supported; send one operation per request", Map.of("limit", "batching"));
                return null;
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                respond(ctx, 400, responseType, ErrorCode.BAD_REQUEST, "The request body must be a JSON object");
                return null;
            }
            return value.asJsonObject();
        } catch (Jsonp.InvalidJson e) {
            respond(ctx, 400, responseType, ErrorCode.BAD_REQUEST, "The request body is not valid JSON");
            return null;
        }
    }

    /** {@code ?query=...&operationName=...&variables=<json>&extensions=<json>}, as a request body would carry them. */
    private JsonObject fromQueryString(RoutingContext ctx, String responseType) {
        if (!getEnabled) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            respond(ctx, 405, responseType, ErrorCode.BAD_REQUEST, "GET is disabled; use POST");
            return null;
        }
        JsonObjectBuilder body = JSONP.createObjectBuilder();
        try {
            for (String name : List.of("query", "operationName")) {
                String value = ctx.request().getParam(name);
                if (value != null) {
                    body.add(name, value);
                }
            }
            for (String name : List.of("variables", "extensions")) {
                String value = ctx.request().getParam(name);
                if (value != null && !value.isBlank()) {
                    body.add(name, Jsonp.read(value));
                }
            }
        } catch (Jsonp.InvalidJson e) {
            respond(ctx, 400, responseType, ErrorCode.BAD_REQUEST, "`variables` and `extensions` must be JSON");
            return null;
        }
        return body.build();
    }

    /**
     * Automatic persisted queries: with {@code extensions.persistedQuery.sha256Hash} a client may leave out the query
     * once the server knows it, and gets {@code PERSISTED_QUERY_NOT_FOUND} until then; sending query and hash
     * together registers the query, after checking that the hash is really the query's.
     *
     * @return the request with its query filled in, or null when an error was sent
     */
    private Uni<JsonObject> withPersistedQuery(RoutingContext ctx, String responseType, JsonObject body) {
        if (!(body.get("extensions") instanceof JsonObject extensions)
                || !(extensions.get("persistedQuery") instanceof JsonObject persisted)) {
            return Uni.createFrom().item(body);
        }
        if (!(persisted.get("sha256Hash") instanceof JsonString hash)
                || !(persisted.get("version") instanceof JsonNumber version)
                || version.intValue() != 1) {
            respond(ctx, 400, responseType, ErrorCode.BAD_REQUEST, "Unsupported persisted query: version 1 with a "
                    + "sha256Hash is expected");
            return Uni.createFrom().nullItem();
        }
        if (body.get("query") instanceof JsonString query) {
            if (!PersistedQueries.sha256(query.getString()).equalsIgnoreCase(hash.getString())) {
                respond(ctx, 400, responseType, ErrorCode.BAD_REQUEST, "provided sha does not match query");
                return Uni.createFrom().nullItem();
            }
            // Kept once it passed every check (doHandle), never before.
            ctx.put(REGISTER, hash.getString().toLowerCase(Locale.ROOT));
            return Uni.createFrom().item(body);
        }
        return persistedQueries.find(hash.getString().toLowerCase(Locale.ROOT)).map(known -> {
            if (known.isEmpty()) {
                // Apollo clients recognise the miss by this message and code, then send the query with its hash.
                respond(ctx, 200, responseType, ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound");
                return null;
            }
            return JSONP.createObjectBuilder(body).add("query", known.get()).build();
        });
    }

    /**
     * Failures before GraphQL runs, answered as GraphQL errors: a body over {@code app.http.max-body-size} (413), and a
     * bearer token that is malformed, expired, badly signed or from another issuer, which fails authentication before
     * GraphQL runs (Quarkus authenticates proactively). Instead of an empty 401, the client gets a GraphQL error it
     * can handle like any other, with the HTTP status and challenge of RFC 6750.
     */
    static void onFailure(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            String contentType = MediaTypes.negotiate(ctx.request().getHeader(HttpHeaders.ACCEPT));
            respond(ctx, 413, contentType == null ? JSON : contentType, ErrorCode.BAD_REQUEST,
                    "The request body is larger than the maximum", Map.of("limit", "maxBodySize"));
            return;
        }
        if (!(ctx.failure() instanceof AuthenticationFailedException)) {
            ctx.next();
            return;
        }
        String contentType = MediaTypes.negotiate(ctx.request().getHeader(HttpHeaders.ACCEPT));
        ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        respond(ctx, 401, contentType == null ? JSON : contentType, ErrorCode.UNAUTHENTICATED,
                "The bearer token is invalid or expired");
    }

    private static String shapeProblem(JsonObject body) {
        boolean persisted = body.get("extensions") instanceof JsonObject extensions
                && extensions.containsKey("persistedQuery");
        if (body.get("query") instanceof JsonString query ? query.getString().isBlank() : !persisted) {
            return "The request needs a `query` string";
        }
        if (!nullOr(body, "variables", JsonValue.ValueType.OBJECT)) {
            return "`variables` must be a JSON object";
        }
        if (!nullOr(body, "operationName", JsonValue.ValueType.STRING)) {
            return "`operationName` must be a string";
        }
        if (!nullOr(body, "extensions", JsonValue.ValueType.OBJECT)) {
            return "`extensions` must be a JSON object";
        }
        return null;
    }

    private static boolean nullOr(JsonObject body, String key, JsonValue.ValueType type) {
        JsonValue value = body.get(key);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL || value.getValueType() == type;
    }

    /**
     * In front of SmallRye's {@code GET /graphql/schema.graphql}: the schema document is introspection by other
     * means, for the same callers ({@code app.introspection.roles}); 401 without a token, 403 with one.
     */
    void schemaDocument(RoutingContext ctx) {
        SecurityIdentity caller = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (analyzer.mayIntrospect(caller)) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(caller == null || caller.isAnonymous() ? 401 : 403)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON + "; charset=utf-8")
                .end(errorBody(analyzer.introspectionRefusal(caller)));
    }

    private static void respond(RoutingContext ctx, int status, String contentType, ErrorCode code, String message) {
        respond(ctx, status, contentType, code, message, Map.of());
    }

    private static void respond(RoutingContext ctx, int status, String contentType, ErrorCode code, String message,
            Map<String, Object> details) {
        respond(ctx, status, contentType, ErrorTranslator.error(code, message, details));
    }

    private static void respond(RoutingContext ctx, int status, String contentType, GraphQLError error) {
        send(ctx, status, contentType, errorBody(error), String.valueOf(error.getExtensions().get("code")));
    }

    private static Buffer errorBody(GraphQLError error) {
        ExecutionResult result = ExecutionResultImpl.newExecutionResult().addError(error).build();
        return Buffer.buffer(new ExecutionResponse(result).getExecutionResultAsString(), StandardCharsets.UTF_8.name());
    }

    /**
     * Under {@code application/graphql-response+json} a response without {@code data} (the request never
     * executed) is a 400, as the GraphQL-over-HTTP specification requires; under {@code application/json} every
     * GraphQL response is a 200, which older clients expect.
     */
    private static void write(RoutingContext ctx, String contentType, ExecutionResult result) {
        if (answered(ctx)) {
            return;
        }
        ExecutionResult translated = ExecutionResultImpl.newExecutionResult().from(result)
                .errors(ErrorTranslator.translateResult(result.getErrors())).build();
        int status = GRAPHQL_RESPONSE_JSON.equals(contentType) && !translated.isDataPresent() ? 400 : 200;
        send(ctx, status, contentType, new ExecutionResponse(translated).getExecutionResultAsString(),
                OperationMetrics.outcome(translated.getErrors()));
    }

    /**
     * Whether nobody will read this execution's answer: the client went away mid-request, or the request was already
     * answered TIMEOUT. Either way Quarkus ends the request context under the running execution, so the rest of its
     * resolvers fail; those failures are consequences, not server errors, and are neither translated nor logged.
     */
    private static boolean answered(RoutingContext ctx) {
        AtomicBoolean answering = ctx.get(ANSWERING);
        if (ctx.response().closed() || ctx.response().ended() || answering != null && answering.get()) {
            LOG.debug("An execution finished after its request was answered or abandoned; its result is dropped");
            return true;
        }
        return false;
    }

    private static void send(RoutingContext ctx, int status, String contentType, String body, String outcome) {
        send(ctx, status, contentType, Buffer.buffer(body, StandardCharsets.UTF_8.name()), outcome);
    }

    private static void send(RoutingContext ctx, int status, String contentType, Buffer body, String outcome) {
        Long timer = ctx.get(TIMER);
        if (timer != null) {
            ctx.vertx().cancelTimer(timer);
        }
        if (claim(ctx)) {
            end(ctx, status, contentType, body, outcome);
        }
    }

    /**
     * The execution (on a worker thread) and the execution timeout (on the event loop) may finish at the same moment:
     * the first to claim the response answers, the other leaves it alone.
     */
    private static boolean claim(RoutingContext ctx) {
        AtomicBoolean answering = ctx.get(ANSWERING);
        return answering == null || answering.compareAndSet(false, true);
    }

    private static void end(RoutingContext ctx, int status, String contentType, Buffer body, String outcome) {
        if (ctx.response().ended()) {
            return;
        }
        OperationMetrics.record("http", ctx.get(STARTED), ctx.get(OPERATION_TYPE), ctx.get(ROOT_FIELD), outcome);
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType + "; charset=utf-8")
                .end(body);
    }

    private record Writer(RoutingContext ctx, String contentType) implements ExecutionResponseWriter {

        @Override
        public void write(ExecutionResponse response) {
            GraphQLHttpHandler.write(ctx, contentType, response.getExecutionResult());
        }

        @Override
        public void fail(Throwable failure) {
            if (answered(ctx)) {
                return;
            }
            GraphQLError error = ErrorTranslator.failure(failure);
            ExecutionResult result = ExecutionResultImpl.newExecutionResult().addError(error).build();
            if ("INTERNAL_SERVER_ERROR".equals(error.getExtensions().get("code"))) {
                send(ctx, 500, contentType, new ExecutionResponse(result).getExecutionResultAsString(),
                        "INTERNAL_SERVER_ERROR");
            } else {
                GraphQLHttpHandler.write(ctx, contentType, result);
            }
        }
    }
}

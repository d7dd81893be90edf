package io.graphqlusers.common.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every tunable of graphql-users, under the {@code app.} prefix. Each item has a row in the README's
 * configuration table; limits are always explicit here, never left to a library default.
 */
@ConfigMapping(prefix = "app")
public interface AppConfig {

    /** Relay connection page sizes. */
    Page page();

    /** Limits applied to every GraphQL document before it executes. */
    Limits limits();

    /** The GraphQL HTTP endpoint. */
    Http http();

    /** The zero-setup database of dev mode and tests. */
    EmbeddedPostgres embeddedPostgres();

    /** Tokens, passwords and the first administrator. */
    Auth auth();

    /** GraphQL over WebSocket. */
    Subscriptions subscriptions();

    /** Caches: in Redis when {@code quarkus.redis.hosts} is set, in process otherwise. */
    Cache cache();

    /** Automatic persisted queries. */
    Apq apq();

    /** Requests per client. */
    RateLimit rateLimit();

    /** How queries execute. */
    Execution execution();

    interface Execution {
        /**
         * Answer the read-only queries it fully supports with the direct engine ({@code common/execution}), the rest
         * with SmallRye GraphQL; false sends every operation to SmallRye.
         */
        @WithDefault("true")
        boolean direct();
    }

    interface Page {
        /** Page size when a connection field gets neither {@code first} nor {@code last}. */
        @WithDefault("20")
        int defaultSize();

        /** Largest {@code first} or {@code last} a client may ask for; more is a BAD_USER_INPUT error. */
        @WithDefault("100")
        int maxSize();
    }

    interface Limits {
        /**
         * Deepest field nesting a document may select. SmallRye GraphQL 2.14.2 has no default depth limit
         * (GHSA-jfgf-vvcv-mf69) and our schema is cyclic, so this limit is the mitigation.
         */
        @WithDefault("12")
        int maxDepth();

        /**
         * Deepest nesting under {@code __schema} and {@code __type}, counted apart from {@link #maxDepth}: the
         * standard introspection query of graphql-js (GraphiQL, graphql-codegen, Apollo) reaches 15 through its
         * chain of nine {@code ofType} levels, which return one object each. Cycles through the schema are refused
         * by graphql-java's good-faith rules whatever the depth.
         */
        @WithDefault("15")
        int maxIntrospectionDepth();

        /**
         * Largest estimated cost of a document: each field costs 1, multiplied by the page size of every
         * list or connection it is nested in.
         */
        @WithDefault("5000")
        int maxComplexity();

        /** Longest document text, in characters. */
        @WithDefault("20000")
        int maxQueryLength();

        /** Most lexical tokens in a document (graphql-java stops parsing beyond), against "billion laughs" inputs. */
        @WithDefault("5000")
        int maxTokens();

        /** Most aliased fields in a document: aliases multiply work without nesting deeper. */
        @WithDefault("30")
        int maxAliases();

        /**
         * Most directives in a document, counted before validation: each unknown one is a validation error of its
         * own, so fifty on one field were fifty errors (8.6 KiB) for a 600-character document.
         */
        @WithDefault("30")
        int maxDirectives();

        /**
         * Most validation errors answered for one document (graphql-java stops validating there and says so in a
         * last error, which counts); JVM-wide, so SmallRye's own validation stops there too.
         */
        @WithDefault("20")
        int maxValidationErrors();

        /** Most fields at the root of the operation. */
        @WithDefault("20")
        int maxRootFields();

        /** Largest {@code variables} object, in characters of JSON. */
        @WithDefault("65536")
        int maxVariablesSize();

        /** Longest a request may execute before it is answered with TIMEOUT. */
        @WithDefault("PT10S")
        Duration executionTimeout();

        /**
         * PostgreSQL's {@code statement_timeout} for the service's connections, in milliseconds: a slower statement is
         * cancelled and the request answered with TIMEOUT.
         */
        @WithDefault("5000")
        int statementTimeoutMillis();

        /** Parsed and validated documents kept for reuse, so repeated queries are analysed once. */
        @WithDefault("1000")
        int documentCacheSize();
    }

    interface Auth {
        /** The {@code iss} of issued tokens; verification ({@code mp.jwt.verify.issuer}) expects the same value. */
        @WithDefault("https://graphql-users.example")
        String issuer();

        /** How long an issued token is valid. Role changes and deletions take effect at the latest then. */
        @WithDefault("PT1H")
        Duration tokenLifetime();

        /** bcrypt cost (log2 of the rounds): 11 takes about 170 ms per hash on one core here. */
        @WithDefault("11")
        int bcryptCost();

        /**
         * Bearer tokens remembered once verified (signature and claims), until they expire or for at most five
         * minutes, so a client's next request skips the RSA verification; 0 verifies every request.
         */
        @WithDefault("1000")
        int verifiedTokenCacheSize();

        /** Created at start-up as an ADMIN when no ADMIN exists and both email and password are set. */
        BootstrapAdmin bootstrapAdmin();

        interface BootstrapAdmin {
            Optional<String> email();

            /** At least 8 characters; from a secret in production ({@code APP_AUTH_BOOTSTRAP_ADMIN_PASSWORD}). */
            Optional<String> password();

            @WithDefault("Administrator")
            String name();
        }
    }

    interface Cache {
        /** The longest a Redis call may take before the request goes to the database instead. */
        @WithDefault("PT0.2S")
        Duration redisTimeout();

        /** After a Redis failure, how long requests skip Redis before trying it again. */
        @WithDefault("PT5S")
        Duration redisRetryAfter();

        /** The users-by-id cache. */
        Users users();

        interface Users {
            /** Whether users are cached at all (off: every lookup reads the database). */
            @WithDefault("true")
            boolean enabled();

            /** How long a cached user may be served. Bounds staleness if an eviction is ever lost. */
            @WithDefault("PT60S")
            Duration ttl();

            /** Users kept by the in-process cache (without Redis). */
            @WithDefault("10000")
            long maxEntries();
        }
    }

    interface RateLimit {
        /** Limit each client's request rate; beyond it requests get HTTP 429 and RATE_LIMITED. */
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second one client may send. */
        @WithDefault("200")
        double requestsPerSecond();

        /** Requests one client may send at once after being idle. */
        @WithDefault("400")
        double burst();

        /** Clients tracked at once (the least recently seen are forgotten first). */
        @WithDefault("100000")
        long maxClients();
    }

    interface Apq {
        /** How long a persisted query is kept in Redis. */
        @WithDefault("P7D")
        Duration ttl();

        /** Persisted queries kept in process (all of them without Redis, a hot subset with it). */
        @WithDefault("10000")
        int maxEntries();
    }

    interface Subscriptions {
        /** How long a new WebSocket may take to send {@code connection_init}; then it is closed with 4408. */
        @WithDefault("PT10S")
        Duration initTimeout();

        /** Operations one connection may run at once; more get an error naming this limit. */
        @WithDefault("20")
        int maxPerConnection();

        /** WebSocket connections one replica accepts; further upgrades get HTTP 503. */
        @WithDefault("1000")
        int maxConnections();

        /**
         * Events that may wait for one subscription whose client reads slower than they come; one more ends the
         * subscription with SLOW_SUBSCRIBER (the client may subscribe again).
         */
        @WithDefault("100")
        int bufferSize();

        /**
         * At shutdown, after HTTP requests have drained: how long to wait for every connection to get its
         * {@code complete} messages and its 1001 close.
         */
        @WithDefault("PT2S")
        Duration shutdownTimeout();
    }

    interface EmbeddedPostgres {
        /**
         * In the dev and test profiles, start an embedded PostgreSQL when no datasource URL is configured. Read
         * while configuration is assembled (common/db/EmbeddedPostgresConfigSourceFactory); mapped here so the key
         * is documented and validated.
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface Http {
        /** Largest request body accepted on {@code POST /graphql}, in bytes; larger requests get HTTP 413. */
        @WithDefault("1048576")
        long maxBodySize();

        /**
         * Accept queries (never mutations) with {@code GET /graphql}: cacheable by proxies and CDNs, with persisted
         * queries short enough for a URL.
         */
        @WithDefault("true")
        boolean getEnabled();
    }
}

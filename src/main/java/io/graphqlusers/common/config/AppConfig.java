package io.graphqlusers.common.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;

/**
 * Every tunable of graphql-users, under the {@code app.} prefix: the types here, the defaults in
 * {@code application.properties} alone (which other settings' expressions can read, as they cannot read a mapping's
 * defaults in every launch mode). Each item has a row in the README's configuration table, with the same default;
 * {@code ConfigurationTableTest} holds the three together.
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

    Introspection introspection();

    interface Introspection {
        /**
         * Roles whose callers may read the schema (introspection and {@code /graphql/schema.graphql}); {@code *} for
         * every caller, anonymous ones too.
         */
        Set<String> roles();
    }

    interface Execution {
        /**
         * Answer the read-only queries it fully supports with the direct engine ({@code server/execution}), the rest
         * with SmallRye GraphQL; false sends every operation to SmallRye.
         */
        boolean direct();
    }

    interface Page {
        /** Page size when a connection field gets neither {@code first} nor {@code last}. */
        int defaultSize();

        /** Largest {@code first} or {@code last} a client may ask for; more is a BAD_USER_INPUT error. */
        int maxSize();
    }

    interface Limits {
        /**
         * Deepest field nesting a document may select. SmallRye GraphQL 2.14.2 has no default depth limit
         * (GHSA-jfgf-vvcv-mf69) and our schema is cyclic, so this limit is the mitigation.
         */
        int maxDepth();

        /**
         * Deepest nesting under {@code __schema} and {@code __type}, counted apart from {@link #maxDepth}: the
         * standard introspection query of graphql-js (GraphiQL, graphql-codegen, Apollo) reaches 15 through its
         * chain of nine {@code ofType} levels, which return one object each. Cycles through the schema are refused
         * by graphql-java's good-faith rules whatever the depth.
         */
        int maxIntrospectionDepth();

        /**
         * Largest estimated cost of a document: each field costs 1, multiplied by the page size of every
         * list or connection it is nested in.
         */
        int maxComplexity();

        /** Longest document text, in characters. */
        int maxQueryLength();

        /** Most lexical tokens in a document (graphql-java stops parsing beyond), against "billion laughs" inputs. */
        int maxTokens();

        /** Most aliased fields in a document: aliases multiply work without nesting deeper. */
        int maxAliases();

        /**
         * Most directives in a document, counted before validation: each unknown one is a validation error of its
         * own, so fifty on one field were fifty errors (8.6 KiB) for a 600-character document.
         */
        int maxDirectives();

        /**
         * Most validation errors answered for one document (graphql-java stops validating there and says so in a
         * last error, which counts); JVM-wide, so SmallRye's own validation stops there too.
         */
        int maxValidationErrors();

        /** Most fields at the root of the operation. */
        int maxRootFields();

        /** Largest {@code variables} object, in characters of JSON. */
        int maxVariablesSize();

        /** Longest a request may execute before it is answered with TIMEOUT. */
        Duration executionTimeout();

        /**
         * PostgreSQL's {@code statement_timeout} for the service's connections, in milliseconds: a slower statement is
         * cancelled and the request answered with TIMEOUT.
         */
        int statementTimeoutMillis();

        /** Parsed and validated documents kept for reuse, so repeated queries are analysed once. */
        int documentCacheSize();
    }

    interface Auth {
        /** The {@code iss} of issued tokens; verification ({@code mp.jwt.verify.issuer}) expects the same value. */
        String issuer();

        /** How long an issued token is valid. Role changes and deletions take effect at the latest then. */
        Duration tokenLifetime();

        /** bcrypt cost (log2 of the rounds): 11 takes about 170 ms per hash on one core here. */
        int bcryptCost();

        /**
         * Bearer tokens remembered once verified (signature and claims), until they expire or for at most five
         * minutes, so a client's next request skips the RSA verification; 0 verifies every request.
         */
        int verifiedTokenCacheSize();

        /** Created at start-up as an ADMIN when no ADMIN exists and both email and password are set. */
        BootstrapAdmin bootstrapAdmin();

        /** Where password hashes are computed: a pool of its own, so that hashing cannot take every core. */
        Hashing hashing();

        interface Hashing {
            /** Hashes computed at once; without a value, half the cores (at least one), leaving the rest to reads. */
            Optional<@Min(1) Integer> threads();

            /** Hashes waiting for a thread; past them a request is refused at once with SERVICE_UNAVAILABLE. */
            @Min(1)
            int queue();
        }

        interface BootstrapAdmin {
            Optional<String> email();

            /** At least 8 characters; from a secret in production ({@code APP_AUTH_BOOTSTRAP_ADMIN_PASSWORD}). */
            Optional<String> password();

            String name();
        }
    }

    interface Cache {
        /** The longest a Redis call may take before the request goes to the database instead. */
        Duration redisTimeout();

        /** After a Redis failure, how long requests skip Redis before trying it again. */
        Duration redisRetryAfter();

        /** The users-by-id cache. */
        Users users();

        interface Users {
            /** Whether users are cached at all (off: every lookup reads the database). */
            boolean enabled();

            /** How long a cached user may be served. Bounds staleness if an eviction is ever lost. */
            Duration ttl();

            /** Users kept by the in-process cache (without Redis). */
            long maxEntries();
        }
    }

    interface RateLimit {
        /** Limit each client's request rate; beyond it requests get HTTP 429 and RATE_LIMITED. */
        boolean enabled();

        /** Sustained requests per second one client may send. */
        double requestsPerSecond();

        /** Requests one client may send at once after being idle. */
        double burst();

        /** Clients tracked at once (the least recently seen are forgotten first). */
        long maxClients();

        /**
         * Credential attempts (login, signUp), which cost a password hash each: a budget of their own, since the
         * general rate would let one client keep every core hashing.
         */
        Credentials credentials();

        interface Credentials {
            /** Attempts one client address may make per minute (all at once after a quiet minute). */
            @Min(1)
            int perAddressPerMinute();

            /** Attempts per minute on one account (email), from anywhere: password guessing spread over addresses. */
            @Min(1)
            int perAccountPerMinute();
        }
    }

    interface Apq {
        /** How long a persisted query is kept in Redis. */
        Duration ttl();

        /** Text of persisted queries kept in process, in bytes (all of them without Redis, a hot subset with it). */
        long maxBytes();

        /** Documents one client (a token's subject, or an address) may register per minute; more run unregistered. */
        int registrationsPerMinute();
    }

    interface Subscriptions {
        /** How long a new WebSocket may take to send {@code connection_init}; then it is closed with 4408. */
        Duration initTimeout();

        /** Operations one connection may run at once; more get an error naming this limit. */
        int maxPerConnection();

        /** WebSocket connections one replica accepts; further upgrades get HTTP 503. */
        int maxConnections();

        /**
         * Events that may wait for one subscription whose client reads slower than they come; one more ends the
         * subscription with SLOW_SUBSCRIBER (the client may subscribe again).
         */
        int bufferSize();

        /**
         * At shutdown, after HTTP requests have drained: how long to wait for every connection to get its
         * {@code complete} messages and its 1001 close.
         */
        Duration shutdownTimeout();
    }

    interface EmbeddedPostgres {
        /**
         * In the dev and test profiles, start an embedded PostgreSQL when no datasource URL is configured. Read
         * while configuration is assembled (dev/EmbeddedPostgresConfigSourceFactory); mapped here so the key
         * is documented and validated.
         */
        boolean enabled();
    }

    interface Http {
        /** Largest request body accepted on {@code POST /graphql}, in bytes; larger requests get HTTP 413. */
        long maxBodySize();

        /**
         * Accept queries (never mutations) with {@code GET /graphql}: cacheable by proxies and CDNs, with persisted
         * queries short enough for a URL.
         */
        boolean getEnabled();
    }
}

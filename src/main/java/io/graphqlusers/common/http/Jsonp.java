package io.graphqlusers.common.http;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static methods look it up through ServiceLoader on
 * every call, which scanned the class path on each request: 11 % of the CPU of a one-user query, in a profile.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }
}

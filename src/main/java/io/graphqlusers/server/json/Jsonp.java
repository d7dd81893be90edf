package io.graphqlusers.server.json;

import java.io.StringReader;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static methods look it up through ServiceLoader on
 * every call, which scanned the class path on each request: 11 % of the CPU of a one-user query, in a profile.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }

    /**
     * One JSON value sent by a client. Whatever the parser refuses is {@link InvalidJson}, the client's fault: syntax
     * errors, and also input nested deeper than Parsson's limit (1,000 levels), which it reports as a bare
     * RuntimeException and which used to end the request with HTTP 500.
     */
    public static JsonValue read(String text) throws InvalidJson {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            throw new InvalidJson(e);
        }
    }

    /** A client's JSON that could not be read. */
    public static final class InvalidJson extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidJson(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}

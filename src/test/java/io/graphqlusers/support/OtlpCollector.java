package io.graphqlusers.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in OpenTelemetry collector speaking OTLP over HTTP: it accepts every export (POST) and replays all it
 * received, concatenated, on GET /received. Concatenated exports are one valid ExportTraceServiceRequest (its spans
 * are a repeated field), which {@link #spans(byte[])} decodes far enough for tests: trace id and name of each span.
 */
public class OtlpCollector implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            byte[] reply;
            try (InputStream in = exchange.getRequestBody()) {
                if ("POST".equals(exchange.getRequestMethod())) {
                    byte[] export = in.readAllBytes();
                    synchronized (received) {
                        received.write(export);
                    }
                    reply = new byte[0];
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                } else {
                    synchronized (received) {
                        reply = received.toByteArray();
                    }
                }
            }
            exchange.sendResponseHeaders(200, reply.length == 0 ? -1 : reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.traces.endpoint", endpoint,
                "quarkus.otel.bsp.schedule.delay", "0.1s");
    }

    /** A span's trace, name and attributes (string values; other values as {@code "?"}). */
    public record Span(String traceId, String name, Map<String, String> attributes) {
    }

    /**
     * Reads ExportTraceServiceRequest.resource_spans(1) → ResourceSpans.scope_spans(2) → ScopeSpans.spans(2) → Span
     * trace_id(1), name(5), attributes(9) → KeyValue key(1), value(2) → AnyValue string_value(1), in the protobuf wire
     * format; every other field is skipped.
     */
    public static List<Span> spans(byte[] export) {
        List<Span> spans = new ArrayList<>();
        for (byte[] resourceSpans : fields(export, 1)) {
            for (byte[] scopeSpans : fields(resourceSpans, 2)) {
                for (byte[] span : fields(scopeSpans, 2)) {
                    Map<String, String> attributes = new TreeMap<>();
                    for (byte[] attribute : fields(span, 9)) {
                        List<byte[]> value = fields(attribute, 2);
                        List<byte[]> string = value.isEmpty() ? List.of() : fields(value.get(0), 1);
                        attributes.put(text(fields(attribute, 1).get(0)), string.isEmpty() ? "?" : text(string.get(0)));
                    }
                    spans.add(new Span(HexFormat.of().formatHex(fields(span, 1).get(0)), text(fields(span, 5).get(0)),
                            attributes));
                }
            }
        }
        return spans;
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** The length-delimited fields numbered {@code number} of one message. */
    private static List<byte[]> fields(byte[] message, int number) {
        List<byte[]> found = new ArrayList<>();
        int[] at = { 0 };
        while (at[0] < message.length) {
            long key = varint(message, at);
            int type = (int) (key & 7);
            switch (type) {
                case 0 -> varint(message, at);
                case 1 -> at[0] += 8;
                case 5 -> at[0] += 4;
                case 2 -> {
                    int length = (int) varint(message, at);
                    if (key >>> 3 == number) {
                        found.add(Arrays.copyOfRange(message, at[0], at[0] + length));
                    }
                    at[0] += length;
                }
                default -> throw new IllegalArgumentException("wire type " + type);
            }
        }
        return found;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0;; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

package io.graphqlusers.server.execution;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON answer written straight to UTF-8 bytes, escaped exactly as the JSON-P provider escapes (so the direct
 * engine's answers stay byte for byte SmallRye's): the quote and the backslash with a backslash, the short escapes
 * for backspace, tab, line feed, form feed and carriage return, a backslash-u escape with four lower-case hex digits
 * for the other control characters, and nothing else. Going through the provider meant a generator, a growing char
 * buffer, a String and a second pass to encode it: a fifth of a nested page's allocation. The caller adds commas and
 * colons; this only writes tokens.
 */
// String.getBytes(int, int, byte[], int) is deprecated for dropping the high byte, which is exactly right for ASCII.
@SuppressWarnings("deprecation")
final class JsonBytes {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int INITIAL = 8 * 1024;
    private static final int KEPT = 64 * 1024;
    /**
     * One per thread, reused: the answer is copied out when complete, and growing a fresh array to the size of a page
     * of answers on every request was most of the writer's own cost. An array grown past 64 KiB is not kept.
     */
    private static final ThreadLocal<JsonBytes> PER_THREAD = ThreadLocal.withInitial(JsonBytes::new);

    private byte[] bytes = new byte[INITIAL];
    private int size;

    private JsonBytes() {
    }

    /** This thread's writer, empty; call {@link #release} once its bytes have been copied. */
    static JsonBytes ofThisThread() {
        return PER_THREAD.get();
    }

    void release() {
        size = 0;
        if (bytes.length > KEPT) {
            bytes = new byte[INITIAL];
        }
    }

    void ascii(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
    }

    /** Text known to be plain ASCII without anything to escape: literals, numbers. */
    void ascii(String text) {
        int length = text.length();
        ensure(length);
        text.getBytes(0, length, bytes, size);
        size += length;
    }

    void string(String value) {
        ascii('"');
        int length = value.length();
        int start = 0;
        boolean onlyAscii = true;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                onlyAscii &= c < 0x80;
                continue;
            }
            plain(value, start, i, onlyAscii);
            escape(c);
            start = i + 1;
            onlyAscii = true;
        }
        plain(value, start, length, onlyAscii);
        ascii('"');
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    private void plain(String value, int from, int to, boolean onlyAscii) {
        if (from == to) {
            return;
        }
        if (onlyAscii) {
            ensure(to - from);
            value.getBytes(from, to, bytes, size);
            size += to - from;
        } else {
            // Multi-byte characters; an unpaired surrogate becomes '?', as String.getBytes makes it everywhere else.
            byte[] encoded = value.substring(from, to).getBytes(StandardCharsets.UTF_8);
            ensure(encoded.length);
            System.arraycopy(encoded, 0, bytes, size, encoded.length);
            size += encoded.length;
        }
    }

    private void escape(char c) {
        switch (c) {
            case '"', '\\' -> pair(c);
            case '\b' -> pair('b');
            case '\t' -> pair('t');
            case '\n' -> pair('n');
            case '\f' -> pair('f');
            case '\r' -> pair('r');
            default -> {
                ensure(6);
                bytes[size++] = '\\';
                bytes[size++] = 'u';
                bytes[size++] = '0';
                bytes[size++] = '0';
                bytes[size++] = HEX[c >> 4];
                bytes[size++] = HEX[c & 0xF];
            }
        }
    }

    private void pair(char c) {
        ensure(2);
        bytes[size++] = '\\';
        bytes[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}

package io.graphqlusers.common.node;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.graphqlusers.common.error.ApiException;

/**
 * Relay global IDs: base64url of {@code Type:databaseId}. Opaque to clients, and typed, so an ID of one type
 * cannot be used where another is expected.
 */
public record GlobalId(String type, long id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /**
     * Every row of a page is given its ID, so this is on the read path of every query: the text is assembled in one
     * array and encoded into a second (a tenth of a nested page's allocation went to the intermediate strings).
     * Type names are ASCII.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the ASCII copy without an array
    public static String encode(String type, long id) {
        if (id < 0) {
            return ENCODER.encodeToString((type + ':' + id).getBytes(StandardCharsets.UTF_8));
        }
        int typeLength = type.length();
        int digits = 1;
        for (long rest = id / 10; rest > 0; rest /= 10) {
            digits++;
        }
        byte[] plain = new byte[typeLength + 1 + digits];
        type.getBytes(0, typeLength, plain, 0); // exact for ASCII, and no intermediate array
        plain[typeLength] = ':';
        long rest = id;
        for (int i = plain.length - 1; i > typeLength; i--) {
            plain[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        byte[] encoded = new byte[(plain.length * 4 + 2) / 3];
        ENCODER.encode(plain, encoded);
        return new String(encoded, StandardCharsets.ISO_8859_1);
    }

    public String encode() {
        return encode(type, id);
    }

    /**
     * @param argument the argument that carried the ID, named in the error
     * @throws ApiException BAD_USER_INPUT when the text is not a global ID
     */
    public static GlobalId decode(String encoded, String argument) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > 64) {
            throw malformed(argument);
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(argument);
        }
        int colon = plain.indexOf(':');
        if (colon <= 0) {
            throw malformed(argument);
        }
        String digits = plain.substring(colon + 1);
        // Only canonical decimal forms, so one object has exactly one ID.
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)
                || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw malformed(argument);
        }
        return new GlobalId(plain.substring(0, colon), Long.parseLong(digits));
    }

    /**
     * @throws ApiException BAD_USER_INPUT when the ID is malformed or names another type
     */
    public static long decode(String encoded, String expectedType, String argument) {
        GlobalId id = decode(encoded, argument);
        if (!id.type.equals(expectedType)) {
            throw ApiException.badInput("`" + argument + "` is not the ID of a " + expectedType, argument);
        }
        return id.id;
    }

    private static ApiException malformed(String argument) {
        return ApiException.badInput("`" + argument + "` is not a valid ID", argument);
    }
}

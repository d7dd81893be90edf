package io.graphqlusers.common.node;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.graphqlusers.common.error.ApiException;

/**
 * Relay global IDs: base64url of {@code Type:databaseId}. Opaque to clients, and typed, so an ID of one type
 * cannot be used where another is expected.
 */
public record GlobalId(String type, long id) {

    public static String encode(String type, long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((type + ':' + id).getBytes(StandardCharsets.UTF_8));
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

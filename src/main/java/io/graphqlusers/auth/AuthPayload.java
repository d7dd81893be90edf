package io.graphqlusers.auth;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.user.User;

public record AuthPayload(
        @NonNull @Description("Bearer token for the Authorization header: `Authorization: Bearer <token>`.") String token,
        @NonNull @Description("When the token stops being accepted.") OffsetDateTime expiresAt,
        @NonNull User user) {
}

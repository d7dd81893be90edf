package io.graphqlusers.security;

/**
 * Role names as they appear in the token's {@code groups} claim and in {@code @RolesAllowed}. They equal the
 * names of the {@code Role} enum of the schema.
 */
public final class Roles {

    public static final String USER = "USER";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}

package io.graphqlusers.user;

import org.eclipse.microprofile.graphql.Description;

@Description("What a user may do. USER: their own account and content; ADMIN: every account.")
public enum Role {
    USER,
    ADMIN
}

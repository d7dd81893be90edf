package io.graphqlusers.user;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

import io.graphqlusers.security.CredentialAttempt;
import io.graphqlusers.security.Password;

@Input("UpdateUserInput")
@Description("A partial update: fields left out (or null) keep their value. Users may update themselves; an "
        + "ADMIN may update anyone.")
public record UpdateUserInput(
        @NotNull @Id String id,
        @UserName String name,
        @UserEmail String email,
        @Description("Only an ADMIN may change roles (FORBIDDEN otherwise); the last ADMIN cannot be demoted (CONFLICT).") Role role,
        @Password @Description("A new password, 8 to 128 characters.") String password,
        @Description("Required to change your own password.") String currentPassword,
        @Description("The version the client last read. When given and the user has changed since, the update is "
                + "rejected with CONFLICT instead of overwriting the other change.") Integer version)
        implements
            CredentialAttempt.Account {

    /** A password change checks the current password or hashes a new one: an attempt on this user's account. */
    @Override
    public String account() {
        return password == null && currentPassword == null ? null : "user:" + id;
    }
}

package io.graphqlusers.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Input;

import io.graphqlusers.security.CredentialAttempt;
import io.graphqlusers.security.Password;
import io.graphqlusers.user.UserEmail;

/** Sizes are bounded only so that a login cannot make the server hash megabytes; wrong values just fail to match. */
@Input("LoginInput")
public record LoginInput(
        @NotNull @Size(max = 254) String email,
        @NotNull @Size(max = Password.MAX_LENGTH) String password) implements CredentialAttempt.Account {

    @Override
    public String account() {
        return email == null ? null : UserEmail.Validator.normalise(email);
    }
}

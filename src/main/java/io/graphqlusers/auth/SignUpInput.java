package io.graphqlusers.auth;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import io.graphqlusers.security.CredentialAttempt;
import io.graphqlusers.security.Password;
import io.graphqlusers.user.UserEmail;
import io.graphqlusers.user.UserName;

@Input("SignUpInput")
public record SignUpInput(
        @NotNull @UserName @Description("1 to 100 characters after trimming.") String name,
        @NotNull @UserEmail String email,
        @NotNull @Password @Description("8 to 128 characters.") String password) implements CredentialAttempt.Account {

    @Override
    public String account() {
        return email == null ? null : UserEmail.Validator.normalise(email);
    }
}

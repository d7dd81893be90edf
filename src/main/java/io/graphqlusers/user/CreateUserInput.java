package io.graphqlusers.user;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import io.graphqlusers.security.Password;

@Input("CreateUserInput")
public record CreateUserInput(
        @NotNull @UserName @Description("1 to 100 characters after trimming.") String name,
        @NotNull @UserEmail @Description("A valid address; stored trimmed and in lower case.") String email,
        @NotNull @Password @Description("The initial password, 8 to 128 characters.") String password,
        @Description("Defaults to USER.") Role role) {
}

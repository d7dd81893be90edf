package io.graphqlusers.user;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("UserFilter")
@Description("Conditions a user must all meet. Text matching ignores case; `%` and `_` match themselves.")
public record UserFilter(
        @Size(min = 1, max = 100) @Description("Part of the name.") String nameContains,
        @Size(min = 1, max = 254) @Description("Part of the email address.") String emailContains,
        Role role) {
}

package io.graphqlusers.user;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("DeleteUserInput")
public record DeleteUserInput(@NotNull @Id String id) {
}

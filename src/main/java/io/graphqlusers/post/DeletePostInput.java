package io.graphqlusers.post;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("DeletePostInput")
public record DeletePostInput(@NotNull @Id String id) {
}

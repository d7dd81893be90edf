package io.graphqlusers.post;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("CreatePostInput")
@Description("A new post; its author is the caller.")
public record CreatePostInput(
        @NotNull @PostTitle @Description("1 to 200 characters after trimming.") String title,
        @NotNull @Size(max = 20000) @Description("Up to 20,000 characters.") String body) {
}

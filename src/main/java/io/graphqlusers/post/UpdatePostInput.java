package io.graphqlusers.post;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("UpdatePostInput")
@Description("A partial update: fields left out (or null) keep their value. The author or an ADMIN may update.")
public record UpdatePostInput(
        @NotNull @Id String id,
        @PostTitle String title,
        @Size(max = 20000) String body,
        @Description("The version the client last read; CONFLICT when the post has changed since.") Integer version) {
}

package io.graphqlusers.post;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("PostFilter")
@Description("Conditions a post must all meet. Text matching ignores case; `%` and `_` match themselves.")
public record PostFilter(
        @Id @Description("Global ID of the author.") String authorId,
        @Size(min = 1, max = 200) @Description("Part of the title.") String titleContains) {
}

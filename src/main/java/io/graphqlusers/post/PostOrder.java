package io.graphqlusers.post;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.common.page.OrderDirection;

@Input("PostOrder")
public record PostOrder(@NonNull PostOrderField field, @DefaultValue("ASC") OrderDirection direction) {
}

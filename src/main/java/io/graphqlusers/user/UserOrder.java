package io.graphqlusers.user;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.common.page.OrderDirection;

@Input("UserOrder")
public record UserOrder(@NonNull UserOrderField field, @DefaultValue("ASC") OrderDirection direction) {
}

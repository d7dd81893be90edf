package io.graphqlusers.common.page;

import org.eclipse.microprofile.graphql.Description;

@Description("Sort direction. The id breaks ties in the same direction, so every order is total and stable.")
public enum OrderDirection {
    ASC,
    DESC
}

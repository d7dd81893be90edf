package io.graphqlusers.user;

public enum UserOrderField {
    CREATED_AT,
    NAME
}

package io.graphqlusers.post;

public enum PostOrderField {
    CREATED_AT,
    TITLE
}

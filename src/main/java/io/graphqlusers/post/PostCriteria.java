package io.graphqlusers.post;

import java.util.Objects;

/**
 * A post filter with its IDs decoded: what a count or a listing actually restricts by.
 *
 * @param authorId database id of the author, or null for any
 * @param titleContains part of the title, or null for any
 */
record PostCriteria(Long authorId, String titleContains) {

    static final PostCriteria ALL = new PostCriteria(null, null);

    static PostCriteria ofAuthor(long authorId) {
        return new PostCriteria(authorId, null);
    }

    boolean authorOnly() {
        return authorId != null && titleContains == null;
    }

    // Written out, as PostService.PageArguments' (a batch key, compared for every parent).
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof PostCriteria that && Objects.equals(authorId, that.authorId)
                && Objects.equals(titleContains, that.titleContains);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(authorId) + Objects.hashCode(titleContains);
    }
}

package io.graphqlusers.post;

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
}

package io.graphqlusers.post;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.graphqlusers.common.persistence.VersionedEntity;

/**
 * A row of {@code posts}, used for writes. The author is a plain id rather than an association to the user
 * feature's entity: features meet through services, and the database enforces the reference (and the cascade).
 * Reads go through {@link PostService}'s SQL, which fetches only the columns a query needs.
 */
@Entity
@Table(name = "posts")
public class PostEntity extends VersionedEntity {

    @Column(name = "author_id", nullable = false, updatable = false)
    public long authorId;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(nullable = false, length = 20000)
    public String body;
}

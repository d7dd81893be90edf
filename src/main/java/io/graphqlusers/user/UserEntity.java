package io.graphqlusers.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import io.graphqlusers.common.persistence.VersionedEntity;

/**
 * A row of {@code users}. Never leaves {@link UserService}: it holds the password hash, and the GraphQL
 * layer sees {@link User} records built inside the transaction.
 */
@Entity
@Table(name = "users")
public class UserEntity extends VersionedEntity {

    @Column(nullable = false, length = 100)
    public String name;

    @Column(nullable = false, length = 254)
    public String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "password_hash")
    public String passwordHash;
}

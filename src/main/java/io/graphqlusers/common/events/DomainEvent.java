package io.graphqlusers.common.events;

/**
 * Something that changed, as it travels between replicas: a type and database ids only. Every replica loads what it
 * pushes, so a notification stays far below PostgreSQL's 8000-byte NOTIFY limit whatever the data.
 *
 * @param type for example {@code postCreated}
 * @param id the database id of the changed object
 * @param ownerId the database id of its owner (a post's author), or 0
 */
public record DomainEvent(String type, long id, long ownerId) {

    String toPayload() {
        return type + ':' + id + ':' + ownerId;
    }

    static DomainEvent fromPayload(String payload) {
        String[] parts = payload.split(":", 3);
        return new DomainEvent(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }
}

package io.graphqlusers.common.events;

/**
 * Something that changed, as it travels between replicas: a type and database ids only. Every replica loads what it
 * pushes, so a notification stays far below PostgreSQL's 8000-byte NOTIFY limit whatever the data.
 *
 * @param type for example {@code postCreated}
 * @param id the database id of the changed object
 * @param ownerId the database id of its owner (a post's author), or 0
 * @param version the object's version after the change, where a cache needs it to tell older copies from newer ones,
 *        or 0
 */
public record DomainEvent(String type, long id, long ownerId, long version) {

    public DomainEvent(String type, long id, long ownerId) {
        this(type, id, ownerId, 0);
    }

    String toPayload() {
        return type + ':' + id + ':' + ownerId + ':' + version;
    }

    /** Also reads the three-part payload of replicas from before the version was added (a rolling upgrade). */
    static DomainEvent fromPayload(String payload) {
        String[] parts = payload.split(":", 4);
        return new DomainEvent(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                parts.length > 3 ? Long.parseLong(parts[3]) : 0);
    }
}

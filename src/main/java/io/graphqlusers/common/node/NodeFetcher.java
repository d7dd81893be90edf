package io.graphqlusers.common.node;

import java.util.Collection;
import java.util.Map;

/**
 * Loads the objects of one GraphQL type for {@code node} and {@code nodes}. Each feature that owns a
 * {@link Node} type provides one as a CDI bean.
 */
public interface NodeFetcher {

    /** The GraphQL type name, as encoded in its global IDs. */
    String type();

    /** The objects that exist among {@code ids}, by id, loaded in one query; missing ids are simply absent. */
    Map<Long, ? extends Node> fetch(Collection<Long> ids);
}

package io.graphqlusers.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.error.ApiException;
import io.graphqlusers.common.node.GlobalId;
import io.graphqlusers.common.node.Node;
import io.graphqlusers.common.node.NodeFetcher;
import io.quarkus.security.Authenticated;

@GraphQLApi
public class NodeGraphQLApi {

    private final Map<String, NodeFetcher> fetchers = new HashMap<>();
    private final AppConfig config;

    NodeGraphQLApi(Instance<NodeFetcher> fetchers, AppConfig config) {
        fetchers.forEach(fetcher -> this.fetchers.put(fetcher.type(), fetcher));
        this.config = config;
    }

    @Query
    @Authenticated
    @Description("The object with this global ID, or null when none exists. A malformed ID, or one of a type that "
            + "is not a Node, is a BAD_USER_INPUT error.")
    public Node node(@NonNull @Id String id) {
        GlobalId globalId = GlobalId.decode(id, "id");
        return fetcherOf(globalId, "id").fetch(List.of(globalId.id())).get(globalId.id());
    }

    @Query
    @Authenticated
    @Description("The objects with these global IDs, in the same order, with null for each that does not exist. "
            + "At most `app.page.max-size` IDs, loaded with one query per type.")
    public @NonNull List<Node> nodes(@NonNull @Id List<@NonNull String> ids) {
        if (ids.size() > config.page().maxSize()) {
            throw ApiException.badInput("At most " + config.page().maxSize() + " IDs per request", "ids");
        }
        List<GlobalId> decoded = new ArrayList<>(ids.size());
        Map<String, Set<Long>> idsByType = new LinkedHashMap<>();
        for (String id : ids) {
            GlobalId globalId = GlobalId.decode(id, "ids");
            fetcherOf(globalId, "ids");
            decoded.add(globalId);
            idsByType.computeIfAbsent(globalId.type(), type -> new LinkedHashSet<>()).add(globalId.id());
        }
        Map<String, Map<Long, ? extends Node>> found = new HashMap<>();
        idsByType.forEach((type, typeIds) -> found.put(type, fetchers.get(type).fetch(typeIds)));
        List<Node> result = new ArrayList<>(decoded.size());
        for (GlobalId globalId : decoded) {
            result.add(found.get(globalId.type()).get(globalId.id()));
        }
        return result;
    }

    private NodeFetcher fetcherOf(GlobalId id, String argument) {
        NodeFetcher fetcher = fetchers.get(id.type());
        if (fetcher == null) {
            throw ApiException.badInput("`" + argument + "` is not the ID of a Node", argument);
        }
        return fetcher;
    }
}

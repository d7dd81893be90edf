package io.graphqlusers.common.node;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * SmallRye GraphQL reads interface fields only from getter-named methods, hence {@code getId()} where records
 * would say {@code id()}; implementing records return their {@code id} component.
 */
@Interface
@Name("Node")
@Description("An object with a globally unique, opaque ID that `node(id:)` resolves (Relay object identification).")
public interface Node {

    @Id
    @NonNull
    @Description("Globally unique, opaque identifier. Clients must not parse it.")
    String getId();
}

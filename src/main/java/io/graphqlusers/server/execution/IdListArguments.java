package io.graphqlusers.server.execution;

import java.util.Set;

import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.spi.EventingService;

/**
 * Makes {@code @Id List<String>} arguments work. SmallRye GraphQL 2.14 resolves {@code @Id} before it unwraps
 * the collection, so the schema says {@code [ID!]} but the element class is recorded as {@code java.util.List},
 * and every call fails converting a string into a list ("Unknown Scalar Type [java.util.List]"). Correcting the
 * element class while operations are created keeps the schema type and makes the values strings again.
 * <p>
 * Registered as a SmallRye eventing service through {@code META-INF/services}, always active (no config key),
 * so CDI events ({@code quarkus.smallrye-graphql.events.enabled}) and their per-field cost stay off.
 */
public class IdListArguments implements EventingService {

    private static final Set<String> COLLECTIONS = Set.of("java.util.List", "java.util.Collection", "java.util.Set");

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public Operation createOperation(Operation operation) {
        if (operation.hasArguments()) {
            for (Argument argument : operation.getArguments()) {
                Reference reference = argument.getReference();
                if (argument.hasWrapper() && reference.getType() == ReferenceType.SCALAR
                        && "ID".equals(reference.getName()) && COLLECTIONS.contains(reference.getClassName())) {
                    reference.setClassName(String.class.getName());
                }
            }
        }
        return operation;
    }
}

package io.graphqlusers.server.execution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import io.graphqlusers.security.Caller;
import io.graphqlusers.server.errors.ErrorTranslator;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;

/**
 * Runs one GraphQL request outside an HTTP exchange (an operation or an event on a WebSocket) exactly as the HTTP
 * endpoint would: in a request context of its own, as the given identity, through SmallRye's execution, with errors
 * translated. Call it on the connection's Vert.x context, so blocking resolvers are sent to worker threads as usual.
 */
@ApplicationScoped
public class SmallRyeExecutor {

    private final ExecutionService executionService;
    private final CurrentIdentityAssociation identities;
    private final Caller caller;

    SmallRyeExecutor(ExecutionService executionService, CurrentIdentityAssociation identities, Caller caller) {
        this.executionService = executionService;
        this.identities = identities;
        this.caller = caller;
    }

    /**
     * {@code onResult} gets the result with translated errors; it runs once, on whatever thread finished.
     * {@code address} is the client's network address, for the rules that count by it.
     */
    public void execute(JsonObject request, SecurityIdentity identity, String address,
            Consumer<ExecutionResult> onResult) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        ContextState state = requestContext.getState();
        try {
            identities.setIdentity(identity);
            caller.cameFrom(address);
            Map<String, Object> metaData = new ConcurrentHashMap<>();
            metaData.put("runBlocking", false);
            metaData.put("httpHeaders", Map.of());
            metaData.put("state", state);
            executionService.executeAsync(request, metaData, new ExecutionResponseWriter() {
                @Override
                public void write(ExecutionResponse response) {
                    finish(requestContext, state);
                    ExecutionResult result = response.getExecutionResult();
                    onResult.accept(ExecutionResultImpl.newExecutionResult().from(result)
                            .errors(ErrorTranslator.translateResult(result.getErrors())).build());
                }

                @Override
                public void fail(Throwable failure) {
                    finish(requestContext, state);
                    onResult.accept(ExecutionResultImpl.newExecutionResult().addError(ErrorTranslator.failure(failure))
                            .build());
                }
            });
        } finally {
            SmallRyeContextManager.clearCurrentSmallRyeContext();
            requestContext.deactivate();
        }
    }

    private static void finish(ManagedContext requestContext, ContextState state) {
        requestContext.destroy(state);
    }
}

package io.graphqlusers.security;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * {@link CredentialAttempt}'s check, before the operation (and its input validation) runs: an attempt is an
 * {@link CredentialAttempt.Account} argument that names an account; one that names none (an update that changes no
 * password) is not charged.
 */
@CredentialAttempt
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
class CredentialGuard {

    private final CredentialBudget budget;
    private final Caller caller;

    CredentialGuard(CredentialBudget budget, Caller caller) {
        this.budget = budget;
        this.caller = caller;
    }

    @AroundInvoke
    Object guard(InvocationContext invocation) throws Exception {
        for (Object argument : invocation.getParameters()) {
            if (argument instanceof CredentialAttempt.Account attempt && attempt.account() != null) {
                budget.take(caller.address(), attempt.account());
            }
        }
        return invocation.proceed();
    }
}

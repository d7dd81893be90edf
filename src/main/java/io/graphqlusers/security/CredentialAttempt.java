package io.graphqlusers.security;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks an operation that tries or sets a password (login, signUp, updateUser): before it runs,
 * {@link CredentialGuard} takes one attempt from the budget of the caller's address and from that of the account its
 * {@link Account} argument names ({@link CredentialBudget}, {@code app.rate-limit.credentials.*}), and refuses it with
 * RATE_LIMITED past either.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({ METHOD, TYPE })
public @interface CredentialAttempt {

    /** The argument of a credential operation: which account it tries. */
    interface Account {
        /**
         * The account's key (the normalised email, so that spellings of one email share a budget; a user's ID), or
         * null when this call involves no password.
         */
        String account();
    }
}

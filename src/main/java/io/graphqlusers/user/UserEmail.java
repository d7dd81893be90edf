package io.graphqlusers.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An email address as we store it: trimmed and lower-cased, at most 254 characters (RFC 5321), a local part of
 * at most 64, and a domain with a dot. Deliberately stricter than {@code @Email}, which accepts {@code a@b}.
 * Null is left to {@code @NotNull}.
 */
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
@Constraint(validatedBy = UserEmail.Validator.class)
public @interface UserEmail {

    String message() default "must be a valid email address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<UserEmail, String> {
        private static final Pattern SHAPE = Pattern
                .compile("[^@\\s\"(),:;<>\\[\\]\\\\]{1,64}@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)*\\.[\\p{L}]{2,63}");

        /** The stored form of a valid value. */
        public static String normalise(String email) {
            return email.strip().toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String email = normalise(value);
            return email.length() <= 254 && SHAPE.matcher(email).matches();
        }
    }

}

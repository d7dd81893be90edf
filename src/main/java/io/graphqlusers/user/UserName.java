package io.graphqlusers.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A display name: 1 to 100 characters once surrounding white space is removed. Null is left to {@code @NotNull}. */
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
@Constraint(validatedBy = UserName.Validator.class)
public @interface UserName {

    int MAX_LENGTH = 100;

    String message() default "must be 1 to 100 characters, not counting surrounding spaces";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<UserName, String> {
        /** The stored form of a valid value. */
        static String normalise(String name) {
            return name.strip();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String name = normalise(value);
            return !name.isEmpty() && name.codePointCount(0, name.length()) <= MAX_LENGTH;
        }
    }

}

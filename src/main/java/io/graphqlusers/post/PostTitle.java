package io.graphqlusers.post;

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

/** A post title: 1 to 200 characters once surrounding white space is removed. Null is left to {@code @NotNull}. */
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
@Constraint(validatedBy = PostTitle.Validator.class)
public @interface PostTitle {

    int MAX_LENGTH = 200;

    String message() default "must be 1 to 200 characters, not counting surrounding spaces";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PostTitle, String> {
        /** The stored form of a valid value. */
        static String normalise(String title) {
            return title.strip();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String title = normalise(value);
            return !title.isEmpty() && title.codePointCount(0, title.length()) <= MAX_LENGTH;
        }
    }
}

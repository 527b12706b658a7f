package io.pulsechat.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A text's length in code points is within {@code min..max} (Bean Validation's {@code @Size} counts UTF-16 units,
 * so it would take 64 emoji for 128). Null is valid, as with every constraint: add {@code @NotNull} for that.
 */
@Documented
@Constraint(validatedBy = CodePoints.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface CodePoints {

    int min() default 0;

    int max() default Integer.MAX_VALUE;

    String message() default "must be {min} to {max} characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CodePoints, CharSequence> {

        private int min;
        private int max;

        @Override
        public void initialize(CodePoints annotation) {
            min = annotation.min();
            max = annotation.max();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || Unicode.lengthWithin(value.toString(), min, max);
        }
    }
}

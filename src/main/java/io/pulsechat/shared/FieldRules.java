package io.pulsechat.shared;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Bean Validation of a request record, as {@link InvalidInput.FieldError}s: one per broken field (the most basic
 * problem first: missing, blank, length, pattern), in the record's component order, with JSON field names.
 */
public final class FieldRules {

    private FieldRules() {
    }

    public static List<InvalidInput.FieldError> check(Validator validator, Record request) {
        Map<String, ConstraintViolation<Record>> first = new LinkedHashMap<>();
        for (ConstraintViolation<Record> violation : validator.validate(request)) {
            first.merge(violation.getPropertyPath().toString(), violation,
                    (a, b) -> rank(a) <= rank(b) ? a : b);
        }
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            ConstraintViolation<Record> violation = first.get(component.getName());
            if (violation != null) {
                String field = jsonName(component.getName());
                errors.add(new InvalidInput.FieldError(field, code(violation), field + " " + violation.getMessage()));
            }
        }
        return errors;
    }

    /** {@code displayName} as {@code display_name}: the API's snake_case. */
    public static String jsonName(String component) {
        return component.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static final List<Class<? extends Annotation>> ORDER = List.of(NotNull.class, NotBlank.class, CodePoints.class, Pattern.class);

    private static int rank(ConstraintViolation<?> violation) {
        int index = ORDER.indexOf(violation.getConstraintDescriptor().getAnnotation().annotationType());
        return index < 0 ? ORDER.size() : index;
    }

    private static String code(ConstraintViolation<?> violation) {
        Class<? extends Annotation> type = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (type == NotNull.class) {
            return "missing";
        }
        if (type == NotBlank.class) {
            return "blank";
        }
        if (type == CodePoints.class) {
            return "length";
        }
        if (type == Pattern.class) {
            return "pattern";
        }
        return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.pulsechat.shared;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Bean Validation of a request record, as {@link InvalidInput.FieldError}s: one per broken field (its most basic
 * problem: missing before blank before length before pattern), in the record's component order, with JSON field
 * names. The constraint's message (English, fixed in the annotation) is the detail.
 */
public final class FieldRules {

    /** Each constraint's error code, most basic first (the order decides which one a field reports). */
    private static final Map<Class<? extends Annotation>, String> CODES = new LinkedHashMap<>();

    static {
        CODES.put(NotNull.class, "missing");
        CODES.put(NotBlank.class, "blank");
        CODES.put(CodePoints.class, "length");
        CODES.put(Pattern.class, "pattern");
    }

    private static final List<Class<? extends Annotation>> ORDER = List.copyOf(CODES.keySet());

    private FieldRules() {
    }

    public static List<InvalidInput.FieldError> check(Validator validator, Record request) {
        Map<String, ConstraintViolation<Record>> first = new HashMap<>();
        for (ConstraintViolation<Record> violation : validator.validate(request)) {
            first.merge(violation.getPropertyPath().toString(), violation, (a, b) -> rank(a) <= rank(b) ? a : b);
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
        return component.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static Class<? extends Annotation> type(ConstraintViolation<?> violation) {
        return violation.getConstraintDescriptor().getAnnotation().annotationType();
    }

    private static int rank(ConstraintViolation<?> violation) {
        int index = ORDER.indexOf(type(violation));
        return index < 0 ? ORDER.size() : index;
    }

    private static String code(ConstraintViolation<?> violation) {
        return CODES.getOrDefault(type(violation), type(violation).getSimpleName().toLowerCase(Locale.ROOT));
    }
}

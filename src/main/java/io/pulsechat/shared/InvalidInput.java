package io.pulsechat.shared;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One or more fields of a request break their rules. Every broken field is listed (each once), so a form can show
 * all its errors at once; the problem carries them as {@code errors: [{field, code, detail}]}.
 */
public class InvalidInput extends DomainException {

    /**
     * One field's problem.
     *
     * @param field the field's name as in the JSON body (snake_case)
     * @param code what is wrong, e.g. {@code length}, {@code pattern}, {@code common}; with the field it names a
     *     translated message on the pages
     * @param detail the rule in English, for API clients
     */
    public record FieldError(String field, String code, String detail) {
    }

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(Kind.INVALID, "invalid_input", errors.stream().map(FieldError::detail).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no field errors");
        }
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(String field, String code, String detail) {
        this(List.of(new FieldError(field, code, detail)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", errors);
    }
}

package io.pulsechat.web;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.pulsechat.shared.DomainException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of a REST controller as RFC 9457 problem+json: domain exceptions (any {@link DomainException}, from
 * any package), Spring's own exceptions (bad JSON, type mismatch, 405, ...) and {@code ResponseStatusException}
 * via the base class, anything else as a 500 without internals. Only for {@code @RestController}s: errors of the
 * pages, and of requests no controller took (an unknown URL), go to {@link ErrorPages}, which answers API paths
 * with problem+json too and pages with HTML.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> refused(DomainException e) {
        ProblemDetail problem = Problems.of(e);
        return ResponseEntity.status(problem.getStatus()).headers(Problems.headers(e)).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error in a REST call", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on the server.");
    }

    /** A body that cannot be read: say which field and why, never the parser's message (it quotes the input). */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, unreadable(ex));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    static String unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof JacksonException jackson) {
            String field = jackson.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            if (cause instanceof StrictRequestBodies.MalformedText) {
                return "Field '" + field + "' is not well-formed Unicode (it holds a lone surrogate).";
            }
            if (cause instanceof MismatchedInputException mismatch && !field.isEmpty()) {
                return "Field '" + field + "' has the wrong type" + expected(mismatch) + ".";
            }
            if (cause instanceof MismatchedInputException) {
                return "The body has the wrong shape: a JSON object is expected.";
            }
            if (cause instanceof StreamReadException) {
                return "The body is not valid JSON.";
            }
        }
        return "The request body is missing or cannot be read.";
    }

    private static String expected(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == String.class) {
            return ": a JSON string is expected";
        }
        if (target != null && (Number.class.isAssignableFrom(target) || target.isPrimitive())) {
            return ": a JSON " + (target == boolean.class || target == Boolean.class ? "boolean" : "number") + " is expected";
        }
        return "";
    }
}

package io.pulsechat.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.stereotype.Component;

import io.pulsechat.shared.DomainException;
import io.pulsechat.shared.TooManyRequests;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problems: built here for domain exceptions, and written here (through Jackson) where no Spring MVC
 * converter is at hand: the security filters and Tomcat's error report valve.
 */
@Component
class Problems {

    private final JsonMapper json;

    Problems(JsonMapper applicationMapper) {
        // the mixin writes ProblemDetail's extra properties as top-level members, as the MVC converter does
        this.json = applicationMapper.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
    }

    static ProblemDetail of(HttpStatusCode status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    /** The one mapping from the domain's kinds of refusal to HTTP statuses. */
    static HttpStatus status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }

    /** The problem for a domain exception: its detail, {@code code} and further members. */
    static ProblemDetail of(DomainException e) {
        ProblemDetail problem = of(status(e.kind()), e.getMessage());
        problem.setProperty("code", e.code());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /** The headers that go with it: {@code Retry-After} for a rate limit. */
    static HttpHeaders headers(DomainException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof TooManyRequests limited) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        return headers;
    }

    /** Writes the problem as the whole response. */
    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        byte[] body = json.writeValueAsBytes(problem);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    String json(ProblemDetail problem) {
        return json.writeValueAsString(problem);
    }
}

package io.pulsechat.shared;

import java.util.Map;

/**
 * A request the domain refuses, in the domain's words. The web layer maps the {@link Kind} to an HTTP status and
 * writes a problem+json with {@link #getMessage()} as its {@code detail}, {@link #code()} as a {@code code}
 * member and {@link #properties()} as further members; nothing else of the exception reaches the client.
 * <p>
 * To add one: extend this class in your package, pick the kind, give a detail a client may read (no internals),
 * and a stable snake_case code. No HTTP type is needed here, and no handler has to change.
 */
public abstract class DomainException extends RuntimeException {

    /** What sort of refusal this is; the web layer owns the mapping to HTTP statuses. */
    public enum Kind {
        /** The input breaks a rule (400). */
        INVALID,
        /** What the request names does not exist (404). */
        NOT_FOUND,
        /** The request clashes with what exists (409). */
        CONFLICT,
        /** Not allowed for this caller, or not at all on this server (403). */
        FORBIDDEN,
        /** Too many of these requests for now; see {@link TooManyRequests#retryAfter()} (429). */
        TOO_MANY_REQUESTS
    }

    private final Kind kind;
    private final String code;

    protected DomainException(Kind kind, String code, String detail) {
        super(detail, null, false, false); // an expected outcome, not a fault: no stack trace to fill
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** A stable, machine-readable code (snake_case), e.g. {@code username_taken}. */
    public String code() {
        return code;
    }

    /** Further members of the problem (snake_case keys, JSON-serialisable values); none by default. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}

package io.pulsechat.web;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * What an error answer says, shared by {@link ErrorPages} (errors inside the application) and {@link TomcatErrors}
 * (requests Tomcat refuses before the application sees them): which paths are the API, the problem's detail, and
 * the HTML page's message keys ({@code error.<status>.title} / {@code .text}, or the 4xx / 5xx ones).
 */
final class ErrorPageContent {

    /** Statuses with their own texts; the others get the 4xx or 5xx ones. */
    private static final Set<Integer> KNOWN = Set.of(400, 403, 404, 405, 413, 429, 500, 503);

    private ErrorPageContent() {
    }

    /** The API answers problem+json always; everything else is a page. */
    static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/")
                || path.equals("/actuator") || path.startsWith("/actuator/"));
    }

    static String apiDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Authentication required: HTTP Basic, a bearer token or a login session.";
            case 403 -> "Forbidden.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This method is not allowed here.";
            case 413 -> "The request is too large.";
            case 414, 431 -> "The request line or its headers are too large.";
            default -> status >= 500 ? "Something went wrong on the server." : "The request cannot be served.";
        };
    }

    /** The model of {@code templates/error-page.html}. */
    static Map<String, Object> model(int status, boolean signedIn) {
        String key = KNOWN.contains(status) ? "error." + status : status >= 500 ? "error.5xx" : "error.4xx";
        return Map.of("status", status, "titleKey", key + ".title", "textKey", key + ".text", "signedIn", signedIn);
    }

    /** The request's path (as sent, still encoded) as the problem's {@code instance}; {@code /} when it is no URI. */
    static URI instance(String path) {
        try {
            return URI.create(bounded(path));
        } catch (IllegalArgumentException e) {
            return URI.create("/");
        }
    }

    /** A request path, at most 200 characters, without anything after a {@code ?} or {@code ;}. */
    static String bounded(String path) {
        if (path == null) {
            return "";
        }
        String cut = path.split("[?;]", 2)[0];
        return cut.length() > 200 ? cut.substring(0, 200) + "…" : cut;
    }
}

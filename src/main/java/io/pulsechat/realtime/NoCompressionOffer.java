package io.pulsechat.realtime;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps {@code permessage-deflate} off while {@code chat.websocket.compression} is false (see
 * {@link WebSocketProperties}): the handshake request reaches Tomcat without the client's
 * {@code Sec-WebSocket-Extensions} offer. Tomcat negotiates extensions from that header itself (an empty list from
 * Spring's {@code filterRequestedExtensions} means "the defaults" to it), so hiding the offer is the one place to
 * decline it.
 */
class NoCompressionOffer extends OncePerRequestFilter {

    static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request.getHeader(EXTENSIONS) == null ? request : new WithoutOffer(request), response);
    }

    private static final class WithoutOffer extends HttpServletRequestWrapper {

        WithoutOffer(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !EXTENSIONS.equalsIgnoreCase(name)).toList());
        }
    }
}

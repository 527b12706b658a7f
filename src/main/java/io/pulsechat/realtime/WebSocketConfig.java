package io.pulsechat.realtime;


import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import io.pulsechat.account.Tokens;
import io.pulsechat.message.AttachmentProperties;

/** {@code /ws/chat}: origin check first (403), then {@link HandshakeChecks}, then the chat handler. */
@Configuration
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {

    static final String PATH = "/ws/chat";

    private final ChatWebSocketHandler handler;
    private final Tokens tokens;
    private final SessionLimit sessionLimit;
    private final LimitsProperties limits;
    private final OriginProperties origins;

    WebSocketConfig(ChatWebSocketHandler handler, Tokens tokens, SessionLimit sessionLimit, LimitsProperties limits,
                    OriginProperties origins) {
        this.handler = handler;
        this.tokens = tokens;
        this.sessionLimit = sessionLimit;
        this.limits = limits;
        this.origins = origins;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        String[] allowed = origins.allowedOrigins().toArray(String[]::new);
        // the registry appends its own origin check after our interceptors; ours runs first so a foreign origin is
        // 403 before any token check
        registry.addHandler(handler, PATH)
                .setHandshakeHandler(new ChatHandshakeHandler())
                .addInterceptors(new OriginCheck(origins.allowedOrigins()),
                        new HandshakeChecks(tokens, sessionLimit, limits))
                .setAllowedOrigins(allowed);
    }

    /** Tomcat's default binary buffer; what every session starts with (see {@link #binaryFrameMax}). */
    static final int INITIAL_BINARY_BUFFER = 8 * 1024;

    /**
     * Characters of each session's text buffer (two bytes each, allocated when the session opens). A chat frame is a
     * few hundred bytes and fits whole; a longer one is handed over in parts and assembled by {@link Fragments} up
     * to {@code chat.limits.text-message-max}. A buffer of that limit (64 KiB) would cost 128 KiB per connection.
     */
    static final int TEXT_BUFFER_CHARS = 2 * 1024;

    /** The largest binary frame: an attachment of the maximum size plus its small JSON header. */
    static int binaryFrameMax(AttachmentProperties attachments) {
        return (int) attachments.maxSize().toBytes() + 8 * 1024;
    }

    /**
     * Buffer sizes. Text: {@link #TEXT_BUFFER_CHARS}; the limit is enforced by {@link Fragments}. Binary: Tomcat allocates each session's
     * binary buffer at the container's size when the session opens, so the container keeps its small default
     * and {@link ChatWebSocketHandler} raises each session's limit to {@link #binaryFrameMax}: the large buffer
     * is then allocated only when a session receives its first binary frame, not 10 MiB for every connection.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(INITIAL_BINARY_BUFFER);
        return container;
    }

    /** The handshake without the client's compression offer, unless {@code chat.websocket.compression} is on. */
    @Bean
    FilterRegistrationBean<NoCompressionOffer> noCompressionOffer(WebSocketProperties websocket) {
        var registration = new FilterRegistrationBean<>(new NoCompressionOffer());
        registration.addUrlPatterns(PATH);
        registration.setEnabled(!websocket.compression());
        return registration;
    }

    /**
     * No HTTP or security observation of the upgrade request: about a tenth of a handshake's CPU (docs/performance.md)
     * for a request the session meters ({@code chat.sessions.*}) already count. Other requests are observed as before.
     */
    @Bean
    static ObservationPredicate noObservationOfHandshakes() { // static: the registry needs it before this class's collaborators exist
        return (name, context) -> {
            if (context instanceof ServerRequestObservationContext http) {
                return !PATH.equals(http.getCarrier().getRequestURI());
            }
            if (name.startsWith("spring.security.")
                    && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
                return !PATH.equals(request.getRequest().getRequestURI());
            }
            return true;
        };
    }
}

package io.pulsechat.realtime;


import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

    /** The largest binary frame: an attachment of the maximum size plus its small JSON header. */
    static int binaryFrameMax(AttachmentProperties attachments) {
        return (int) attachments.maxSize().toBytes() + 8 * 1024;
    }

    /**
     * Frame size limits: Tomcat closes with 1009 on a larger frame by itself. Tomcat allocates each session's
     * binary buffer at the container's size when the session opens, so the container keeps its small default
     * and {@link ChatWebSocketHandler} raises each session's limit to {@link #binaryFrameMax}: the large buffer
     * is then allocated only when a session receives its first binary frame, not 10 MiB for every connection.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize((int) limits.textMessageMax().toBytes());
        container.setMaxBinaryMessageBufferSize(INITIAL_BINARY_BUFFER);
        return container;
    }
}

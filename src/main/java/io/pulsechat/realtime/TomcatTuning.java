package io.pulsechat.realtime;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What an idle connection costs Tomcat (docs/performance.md, "Where the memory per connection goes"). Each
 * upgraded connection keeps its socket's read and write buffers and its WebSocket session's input and send buffers
 * for as long as it is open; at Tomcat's 8 KiB defaults they are about 30 KB of a chat connection's heap. Chat
 * frames are a few hundred bytes, so 1 KiB buffers hold almost every frame whole; a larger one (an attachment) is
 * read and written in several passes.
 */
@Component
class TomcatTuning implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** Sizes each WebSocket session's input and send-side buffers; read once, by a static initializer. */
    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    static final int BUFFER_SIZE = 1024;

    /**
     * Runs while the server factory is prepared, before Tomcat loads its WebSocket classes (an
     * {@code application.properties} entry would be too late). A value given with {@code -D} is kept.
     */
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, Integer.toString(BUFFER_SIZE));
        }
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(BUFFER_SIZE));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(BUFFER_SIZE));
        });
    }
}

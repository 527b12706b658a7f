package io.pulsechat.realtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WebSocket transport ({@code chat.websocket.*}).
 *
 * @param compression negotiate {@code permessage-deflate} when a client offers it (every browser does). Off by
 *        default: chat frames are a few hundred bytes and gain little, while each session then holds two more
 *        buffers and a native Deflater/Inflater (about 45 KB, docs/performance.md) and every delivery is
 *        compressed once per recipient
 */
@ConfigurationProperties("chat.websocket")
public record WebSocketProperties(@DefaultValue("false") boolean compression) {
}

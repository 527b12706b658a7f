package io.pulsechat.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The message writer ({@code chat.messages.*}).
 *
 * @param batchMax most messages committed in one transaction (group commit)
 * @param queueMax most messages waiting for the writer; beyond it a send is refused as {@code rate_limited}
 */
@ConfigurationProperties("chat.messages")
record MessageProperties(
        @DefaultValue("256") int batchMax,
        @DefaultValue("10000") int queueMax) {
}

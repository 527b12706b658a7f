package io.pulsechat.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Attachments ({@code chat.attachments.*}, docs/protocol.md section 6).
 *
 * @param maxSize largest file accepted; a larger binary frame closes the connection with 1009
 * @param inlineMax attachments up to this size also reach {@code superchat} sessions as a binary frame
 */
@ConfigurationProperties("chat.attachments")
public record AttachmentProperties(
        @DefaultValue("10MB") DataSize maxSize,
        @DefaultValue("256KB") DataSize inlineMax) {
}

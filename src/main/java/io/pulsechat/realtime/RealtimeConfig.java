package io.pulsechat.realtime;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import io.pulsechat.message.AttachmentProperties;
import io.pulsechat.realtime.protocol.ClientLimits;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ReqType;
import io.pulsechat.realtime.protocol.RequestDecoder;
import tools.jackson.databind.json.JsonMapper;

/** The protocol's codec, the catalogue of client limits and the hub, as beans. */
@Configuration
class RealtimeConfig {

    /** The request types with an answer so far (see {@link RequestRouter}); the others are {@code unknown_type}. */
    static final Set<ReqType> SUPPORTED = EnumSet.allOf(ReqType.class);

    @Bean
    RequestDecoder requestDecoder(JsonMapper json) {
        return new RequestDecoder(json, SUPPORTED);
    }

    @Bean
    FrameEncoder frameEncoder(JsonMapper json) {
        return new FrameEncoder(json);
    }

    @Bean
    ClientLimits clientLimits(HeartbeatProperties heartbeat, ReconnectProperties reconnect, LimitsProperties limits,
                              AttachmentProperties attachments) {
        return ClientLimits.of(heartbeat.clientSendAfter(), heartbeat.clientTimeout(), heartbeat.serverInterval(),
                reconnect.delay(), reconnect.jitter(), reconnect.maxAttempts(), limits.textMessageMax().toBytes(),
                attachments.maxSize().toBytes(), attachments.inlineMax().toBytes());
    }

    /** One node's hub, bus and session count; the {@code redis} profile replaces them (see {@link RedisClusterConfig}). */
    @Configuration
    @Profile("!redis")
    static class OneNode {

        @Bean
        Hub hub(FrameEncoder frames) {
            return new PresenceHub(frames, "local");
        }

        @Bean
        Bus bus() {
            return Bus.LOCAL;
        }

        @Bean
        SessionLimit sessionLimit() {
            return new SessionLimit.Local();
        }
    }
}

/**
 * The wire contract in types (see docs/protocol.md): client requests decoded and validated once
 * ({@link io.pulsechat.realtime.protocol.RequestDecoder}), server frames as records encoded once
 * ({@link io.pulsechat.realtime.protocol.FrameEncoder}), and the catalogues of request and frame types, error codes,
 * close codes and client-facing limits. No Spring beans live here; nothing here talks to sessions.
 */
@NamedInterface("protocol")
package io.pulsechat.realtime.protocol;

import org.springframework.modulith.NamedInterface;

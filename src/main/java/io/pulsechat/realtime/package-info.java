/**
 * The WebSocket endpoint {@code /ws/chat}: handshake checks, the protocol codec, sessions with one writer each,
 * heartbeats and fan-out of stored messages to the sessions on this node.
 */
package io.pulsechat.realtime;

package io.pulsechat.realtime;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.pulsechat.realtime.protocol.ClientRequest;
import io.pulsechat.realtime.protocol.ClientRequest.Heartbeat;
import io.pulsechat.realtime.protocol.ClientRequest.Join;
import io.pulsechat.realtime.protocol.ClientRequest.Leave;
import io.pulsechat.realtime.protocol.ClientRequest.Ping;
import io.pulsechat.realtime.protocol.ClientRequest.Resume;
import io.pulsechat.realtime.protocol.ClientRequest.Send;
import io.pulsechat.realtime.protocol.ClientRequest.Typing;
import io.pulsechat.realtime.protocol.ClientRequest.Upload;
import io.pulsechat.realtime.protocol.ErrorCode;
import io.pulsechat.realtime.protocol.ProtocolError;
import io.pulsechat.realtime.protocol.RequestDecoder;

/**
 * Decodes a frame and hands the request to the feature that answers it. A {@link ProtocolError} becomes an error
 * frame (the connection stays open); anything else closes the session with 1011 and is logged with its cause.
 */
@Component
class RequestRouter {

    /** A feature's answer to one kind of request. */
    @FunctionalInterface
    interface Route<T extends ClientRequest> {
        void handle(ChatSession session, T request, long now);
    }

    private final Map<Class<?>, Route<ClientRequest>> routes = new HashMap<>();
    private final RequestDecoder decoder;
    private final Rejections rejections;

    RequestRouter(RequestDecoder decoder, Rejections rejections, KeepAliveRequests keepAlive, RoomRequests rooms,
                  MessageRequests messages, MessageChangeRequests changes, ResumeRequests resume) {
        this.decoder = decoder;
        this.rejections = rejections;
        on(Ping.class, keepAlive::ping);
        on(Heartbeat.class, keepAlive::heartbeat);
        on(Join.class, rooms::join);
        on(Leave.class, rooms::leave);
        on(Typing.class, rooms::typing);
        on(Send.class, messages::send);
        on(Upload.class, messages::upload);
        on(Resume.class, resume::resume);
        on(ClientRequest.Edit.class, changes::edit);
        on(ClientRequest.Delete.class, changes::delete);
        on(ClientRequest.React.class, changes::react);
        on(ClientRequest.Read.class, changes::read);
    }

    private <T extends ClientRequest> void on(Class<T> type, Route<T> route) {
        routes.put(type, (session, request, now) -> route.handle(session, type.cast(request), now));
    }

    void text(ChatSession session, String frame, long now) {
        ClientRequest request;
        try {
            request = decoder.decode(frame);
        } catch (ProtocolError e) {
            rejections.reject(session, e, now);
            return;
        }
        dispatch(session, request, request.type().code(), now);
    }

    void binary(ChatSession session, ByteBuffer frame, long now) {
        Upload upload;
        try {
            upload = decoder.decodeUpload(frame);
        } catch (ProtocolError e) {
            rejections.reject(session, e, now);
            return;
        }
        dispatch(session, upload, null, now);
    }

    /** {@code reqType} is echoed in errors; null for a binary frame, which has none. */
    private void dispatch(ChatSession session, ClientRequest request, Integer reqType, long now) {
        try {
            Route<ClientRequest> route = routes.get(request.getClass());
            if (route == null) {
                throw new ProtocolError(ErrorCode.UNKNOWN_TYPE, "req_type " + reqType + " is not supported by this server");
            }
            route.handle(session, request, now);
        } catch (ProtocolError e) {
            rejections.reject(session, e.about(reqType, request.clientMsgId()), now);
        } catch (RuntimeException e) {
            session.closeForError("handling req_type " + reqType + " failed", e);
        }
    }
}

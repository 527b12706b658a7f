package io.pulsechat.realtime;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import io.pulsechat.message.AttachmentProperties;
import io.pulsechat.message.MessageProblem;
import io.pulsechat.message.MessageStore;
import io.pulsechat.message.NewMessage;
import io.pulsechat.message.StoreResult;
import io.pulsechat.realtime.protocol.ClientRequest.Send;
import io.pulsechat.realtime.protocol.ClientRequest.Upload;
import io.pulsechat.realtime.protocol.CloseCode;
import io.pulsechat.realtime.protocol.ErrorCode;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ProtocolError;
import io.pulsechat.realtime.protocol.ReqType;
import io.pulsechat.realtime.protocol.ServerFrame;
import io.pulsechat.room.Memberships;

/**
 * req_type 2 and attachments (section 6): rate limit, store, and the ack once the message is durable. Delivery to
 * the room is not done here: it follows the commit (see {@link RoomFeed}).
 */
@Component
class MessageRequests {

    private final MessageStore store;
    private final RoomGuard guard;
    private final FrameEncoder frames;
    private final Rejections rejections;
    private final AttachmentProperties attachments;
    private final RateGate rate;
    private final Memberships memberships;
    private final Clock clock;

    MessageRequests(MessageStore store, RoomGuard guard, FrameEncoder frames, Rejections rejections,
                    AttachmentProperties attachments, RateGate rate, Memberships memberships, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.frames = frames;
        this.rejections = rejections;
        this.attachments = attachments;
        this.rate = rate;
        this.memberships = memberships;
        this.clock = clock;
    }

    void send(ChatSession session, Send send, long now) {
        guard.requireSubscribed(session, send.room());
        if (rate.allowed(session, now)) {
            boolean mayMentionRoom = send.text().contains("@room") && memberships.mayModerate(send.room(), session.userid());
            store(session, new NewMessage(send.room(), session.userid(), session.user().displayName(), send.text(),
                    send.clientMsgId(), null, send.replyTo(), mayMentionRoom), ReqType.SEND.code());
        }
    }

    void upload(ChatSession session, Upload upload, long now) {
        if (upload.bytes().length > attachments.maxSize().toBytes()) {
            session.close(CloseCode.TOO_BIG, "attachment larger than allowed");
            return;
        }
        guard.requireSubscribed(session, upload.room());
        if (rate.allowed(session, now)) {
            store(session, new NewMessage(upload.room(), session.userid(), session.user().displayName(), "", upload.clientMsgId(),
                    new NewMessage.NewFile(upload.name(), upload.contentType(), upload.bytes())), null);
        }
    }

    private void store(ChatSession session, NewMessage message, Integer reqType) {
        CompletableFuture<StoreResult> acked = store.store(message).whenComplete((result, failure) -> {
            long at = clock.millis();
            if (failure == null) {
                var m = result.message();
                session.send(frames.text(new ServerFrame.Ack(m.clientMsgId(), m.id(), m.ts(), m.room())), at);
            } else if (failure instanceof MessageProblem.NotFound) {
                rejections.reject(session, new ProtocolError(ErrorCode.NOT_FOUND, "reply_to: " + failure.getMessage())
                        .about(reqType, message.clientMsgId()), at);
            } else if (failure instanceof MessageStore.Overloaded) {
                rejections.reject(session, new ProtocolError(ErrorCode.RATE_LIMITED, "server busy: message not stored, send again")
                        .about(reqType, message.clientMsgId()), at);
            } else {
                // not stored and not acked: the client resends it with the same client_msg_id after reconnecting
                session.closeForError("storing a message of room " + message.room() + " failed", failure);
            }
        });
        session.storing(acked);
    }
}

package io.pulsechat.realtime;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import io.pulsechat.message.AttachmentProperties;
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

/**
 * req_type 2 and attachments (section 6): rate limit, store, and the ack once the message is durable. Delivery to
 * the room is not done here: it follows the commit (see {@link RoomDelivery}).
 */
@Component
class MessageRequests {

    private final MessageStore store;
    private final RoomGuard guard;
    private final FrameEncoder frames;
    private final Rejections rejections;
    private final AttachmentProperties attachments;
    private final Clock clock;

    MessageRequests(MessageStore store, RoomGuard guard, FrameEncoder frames, Rejections rejections,
                    AttachmentProperties attachments, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.frames = frames;
        this.rejections = rejections;
        this.attachments = attachments;
        this.clock = clock;
    }

    void send(ChatSession session, Send send, long now) {
        guard.requireSubscribed(session, send.room());
        if (allowed(session, now)) {
            store(session, new NewMessage(send.room(), session.userid(), session.user().displayName(), send.text(),
                    send.clientMsgId(), null), ReqType.SEND.code());
        }
    }

    void upload(ChatSession session, Upload upload, long now) {
        if (upload.bytes().length > attachments.maxSize().toBytes()) {
            session.close(CloseCode.TOO_BIG, "attachment larger than allowed");
            return;
        }
        guard.requireSubscribed(session, upload.room());
        if (allowed(session, now)) {
            store(session, new NewMessage(upload.room(), session.userid(), session.user().displayName(), "", upload.clientMsgId(),
                    new NewMessage.NewFile(upload.name(), upload.contentType(), upload.bytes())), null);
        }
    }

    /** The session's rate limit: refused with rate_limited, or for a persistent abuser a 1008 after its pending acks. */
    private boolean allowed(ChatSession session, long now) {
        switch (session.rateLimiter().tryAcquire(now)) {
            case ALLOW:
                return true;
            case REFUSE:
                throw new ProtocolError(ErrorCode.RATE_LIMITED, "too many messages: not stored, slow down");
            default:
                // the refusal that trips the limit is answered by the close itself
                session.closeAfterPendingStores(CloseCode.POLICY.status("rate limit exceeded persistently"));
                return false;
        }
    }

    private void store(ChatSession session, NewMessage message, Integer reqType) {
        CompletableFuture<StoreResult> acked = store.store(message).whenComplete((result, failure) -> {
            long at = clock.millis();
            if (failure == null) {
                var m = result.message();
                session.send(frames.text(new ServerFrame.Ack(m.clientMsgId(), m.id(), m.ts(), m.room())), at);
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

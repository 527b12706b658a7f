package io.pulsechat.realtime;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import io.pulsechat.message.MessageProblem;
import io.pulsechat.message.MessageStore;
import io.pulsechat.realtime.protocol.ClientRequest;
import io.pulsechat.realtime.protocol.ClientRequest.Delete;
import io.pulsechat.realtime.protocol.ClientRequest.Edit;
import io.pulsechat.realtime.protocol.ClientRequest.React;
import io.pulsechat.realtime.protocol.ClientRequest.Read;
import io.pulsechat.realtime.protocol.ErrorCode;
import io.pulsechat.realtime.protocol.ProtocolError;
import io.pulsechat.room.Memberships;

/**
 * req_type 9 (edit), 10 (delete), 11 (react) and 12 (read), docs/protocol.md section 11. Edits, deletes and reactions take
 * the same durable, ordered path as new messages; success answers nothing in particular (every subscribed session,
 * the caller's too, gets the message update), a refusal answers the caller with an error frame.
 */
@Component
class MessageChangeRequests {

    private final MessageStore store;
    private final RoomGuard guard;
    private final Memberships memberships;
    private final Rejections rejections;
    private final RateGate rate;
    private final Signals signals;
    private final Clock clock;

    MessageChangeRequests(MessageStore store, RoomGuard guard, Memberships memberships, Rejections rejections, RateGate rate,
                          Signals signals, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.memberships = memberships;
        this.rejections = rejections;
        this.rate = rate;
        this.signals = signals;
        this.clock = clock;
    }

    void edit(ChatSession session, Edit edit, long now) {
        guard.requireSubscribed(session, edit.room());
        if (rate.allowed(session, now)) {
            answer(session, edit, store.edit(edit.room(), edit.id(), session.userid(), edit.text()));
        }
    }

    void delete(ChatSession session, Delete delete, long now) {
        guard.requireSubscribed(session, delete.room());
        if (rate.allowed(session, now)) {
            boolean moderator = memberships.mayModerate(delete.room(), session.userid());
            answer(session, delete, store.delete(delete.room(), delete.id(), session.userid(), moderator));
        }
    }

    void react(ChatSession session, React react, long now) {
        guard.requireSubscribed(session, react.room());
        if (rate.allowed(session, now)) {
            answer(session, react, store.react(react.room(), react.id(), session.userid(), react.emoji(), react.add()));
        }
    }

    /** Moves the read marker forward; the user's other sessions (on every node) hear of it, the sender does not. */
    void read(ChatSession session, Read read, long now) {
        guard.requireSubscribed(session, read.room());
        memberships.markRead(read.room(), session.userid(), read.id())
                .ifPresent(lastRead -> signals.readMarker(session.userid(), read.room(), lastRead, session));
    }

    private void answer(ChatSession session, ClientRequest request, CompletableFuture<?> change) {
        session.storing(change.whenComplete((done, failure) -> {
            if (failure == null) {
                return;
            }
            ProtocolError refusal = refusal(failure);
            if (refusal == null) {
                session.closeForError("storing a change of room " + ((ClientRequest.InRoom) request).room() + " failed", failure);
            } else {
                rejections.reject(session, refusal.about(request.type().code(), null), clock.millis());
            }
        }));
    }

    /** The error frame for a refused change; null for a failure of the server. */
    private static ProtocolError refusal(Throwable failure) {
        if (failure instanceof MessageProblem.NotFound) {
            return new ProtocolError(ErrorCode.NOT_FOUND, failure.getMessage());
        } else if (failure instanceof MessageProblem.Forbidden) {
            return new ProtocolError(ErrorCode.FORBIDDEN, failure.getMessage());
        } else if (failure instanceof MessageProblem.Invalid) {
            return new ProtocolError(ErrorCode.BAD_REQUEST, failure.getMessage());
        } else if (failure instanceof MessageStore.Overloaded) {
            return new ProtocolError(ErrorCode.RATE_LIMITED, "server busy: not stored, send again");
        }
        return null;
    }
}

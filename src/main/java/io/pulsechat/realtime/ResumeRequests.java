package io.pulsechat.realtime;

import java.util.List;

import org.springframework.stereotype.Component;

import io.pulsechat.message.ChatMessage;
import io.pulsechat.message.History;
import io.pulsechat.realtime.protocol.ClientLimits;
import io.pulsechat.realtime.protocol.ClientRequest.Resume;
import io.pulsechat.realtime.protocol.ErrorCode;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ProtocolError;
import io.pulsechat.realtime.protocol.ServerFrame;

/** req_type 6: the messages a client missed, at most {@link ClientLimits#RESUME_MAX}, then resume-done. */
@Component
class ResumeRequests {

    private final History history;
    private final RoomGuard guard;
    private final FrameEncoder frames;

    ResumeRequests(History history, RoomGuard guard, FrameEncoder frames) {
        this.history = history;
        this.guard = guard;
        this.frames = frames;
    }

    void resume(ChatSession session, Resume resume, long now) {
        if (resume.after() == null) {
            throw new ProtocolError(ErrorCode.BAD_REQUEST, "after must be a message id (0 or more)");
        }
        guard.requireSubscribed(session, resume.room());
        List<ChatMessage> missed = history.after(resume.room(), resume.after(), ClientLimits.RESUME_MAX + 1);
        boolean complete = missed.size() <= ClientLimits.RESUME_MAX;
        for (ChatMessage m : complete ? missed : missed.subList(0, ClientLimits.RESUME_MAX)) {
            session.send(frames.text(new ServerFrame.Message(m, true)), now);
        }
        session.send(frames.text(new ServerFrame.ResumeDone(resume.room(), complete, null)), now);
    }
}

package io.pulsechat.realtime;

import java.util.List;

import org.springframework.stereotype.Component;

import io.pulsechat.message.ChatMessage;
import io.pulsechat.message.History;
import io.pulsechat.realtime.protocol.ClientLimits;
import io.pulsechat.realtime.protocol.ClientRequest.Resume;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame;

/** req_type 6: what a client missed, at most {@link ClientLimits#RESUME_MAX} messages, then resume-done. */
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

    /**
     * By {@code after}: the messages with a greater id. By {@code since_rev} (section 11): every message changed
     * after that revision, new or edited, deleted or reacted to, in revision order, and resume-done carries the
     * room's current revision.
     */
    void resume(ChatSession session, Resume resume, long now) {
        guard.requireSubscribed(session, resume.room());
        String room = resume.room();
        Long rev = resume.sinceRev() == null ? null : history.currentRev(room);
        List<ChatMessage> missed = resume.sinceRev() == null
                ? history.after(room, resume.after(), ClientLimits.RESUME_MAX + 1)
                : history.sinceRev(room, resume.sinceRev(), ClientLimits.RESUME_MAX + 1);
        boolean complete = missed.size() <= ClientLimits.RESUME_MAX;
        for (ChatMessage m : complete ? missed : missed.subList(0, ClientLimits.RESUME_MAX)) {
            session.send(frames.text(new ServerFrame.Message(m, true)), now);
        }
        session.send(frames.text(new ServerFrame.ResumeDone(room, complete, rev)), now);
    }
}

package io.pulsechat.realtime;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.pulsechat.account.Banned;
import io.pulsechat.realtime.protocol.CloseCode;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame;
import io.pulsechat.room.OnlineUsers;
import io.pulsechat.room.RoomChanged;

/**
 * Room and account events that reach connected users on every node: room changes ({@code resp_type} 12, with the
 * sessions of removed users and of a deleted room's members unsubscribed first) and bans (4403).
 */
@Component
class RoomEvents implements OnlineUsers {

    private final Signals signals;
    private final FrameEncoder frames;
    private final SessionLimit sessions;

    RoomEvents(Signals signals, FrameEncoder frames, SessionLimit sessions) {
        this.signals = signals;
        this.frames = frames;
        this.sessions = sessions;
    }

    @EventListener
    void changed(RoomChanged change) {
        String frame = frames.text(new ServerFrame.RoomChange(change.event(), change.room())).getPayload();
        signals.send(new Signal(change.users(), frame, null, null, change.unsubscribe() ? change.room().id() : null, null));
    }

    @EventListener
    void banned(Banned ban) {
        signals.send(Signal.close(ban.userid(), CloseCode.BANNED.code(), "account banned"));
    }

    @Override
    public boolean isOnline(String userid) {
        return sessions.hasSessions(userid);
    }
}

package io.pulsechat.account;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

import io.pulsechat.shared.DomainException;

/**
 * Banning (docs/protocol.md section 14): an admin bans a user; their sessions close with 4403 on every node, their tokens
 * stop working, their browser logins end, and login is refused with a message saying the account is banned (the
 * account is disabled). Unbanning lets them log in again.
 */
@Service
public class Bans {

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final Admins admins;
    private final ApplicationEventPublisher events;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final Clock clock;

    Bans(JdbcClient jdbc, UserRepository users, Admins admins, ApplicationEventPublisher events,
         FindByIndexNameSessionRepository<? extends Session> sessions, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.admins = admins;
        this.events = events;
        this.sessions = sessions;
        this.clock = clock;
    }

    static final class AdminsOnly extends DomainException {
        AdminsOnly() {
            super(Kind.FORBIDDEN, "admin_only", "Only an admin may do this.");
        }
    }

    static final class NoSuchUser extends DomainException {
        NoSuchUser(String userid) {
            super(Kind.NOT_FOUND, "no_such_user", "No user '" + userid + "'.");
        }
    }

    static final class NotYourself extends DomainException {
        NotYourself() {
            super(Kind.CONFLICT, "ban_self", "An admin cannot ban themself.");
        }
    }

    public void ban(ChatUser admin, String userid) {
        ChatUser target = check(admin, userid);
        if (target.userid().equals(admin.userid())) {
            throw new NotYourself();
        }
        long now = clock.millis();
        jdbc.sql("update users set enabled = false, banned_at = ? where id = ?").params(now, userid).update();
        users.revokeTokensUpTo(userid, now);
        sessions.findByPrincipalName(target.username()).keySet().forEach(sessions::deleteById);
        events.publishEvent(new Banned(userid));
    }

    public void unban(ChatUser admin, String userid) {
        check(admin, userid);
        jdbc.sql("update users set enabled = true, banned_at = null where id = ?").param(userid).update();
    }

    private ChatUser check(ChatUser admin, String userid) {
        if (!admins.isAdmin(admin)) {
            throw new AdminsOnly();
        }
        return users.findById(userid).orElseThrow(() -> new NoSuchUser(userid));
    }
}

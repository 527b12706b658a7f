package io.pulsechat.account;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A registered user; also the authenticated principal for every way of logging in
 * (form login, HTTP Basic, bearer token, WebSocket handshake).
 *
 * @param userid opaque, stable id; clients must treat it as a string
 */
public record ChatUser(String userid, String username, String displayName, String passwordHash, boolean enabled)
        implements UserDetails {

    private static final List<GrantedAuthority> USER = List.of(new SimpleGrantedAuthority("ROLE_USER"));

    /** The same user without the password hash, for principals kept in sessions. */
    public ChatUser withoutPassword() {
        return new ChatUser(userid, username, displayName, "", enabled);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return USER;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "ChatUser[" + userid + ", " + username + "]";
    }
}

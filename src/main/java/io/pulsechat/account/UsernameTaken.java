package io.pulsechat.account;

import io.pulsechat.shared.DomainException;

/** Someone has that username already (409). */
public class UsernameTaken extends DomainException {

    public UsernameTaken(String username) {
        super(Kind.CONFLICT, "username_taken", "The username '" + username + "' is taken.");
    }
}

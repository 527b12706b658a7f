package io.pulsechat.account;

import io.pulsechat.shared.DomainException;

/** The account is banned: no new token (403); the browser goes to the login page, which says so. */
class AccountDisabled extends DomainException {

    AccountDisabled() {
        super(Kind.FORBIDDEN, "account_banned", "This account is banned.");
    }
}

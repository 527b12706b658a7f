package io.pulsechat.account;

import io.pulsechat.shared.DomainException;

/** {@code chat.auth.registration-open=false} (403). */
public class RegistrationClosed extends DomainException {

    public RegistrationClosed() {
        super(Kind.FORBIDDEN, "registration_closed", "Registration is closed on this server.");
    }
}

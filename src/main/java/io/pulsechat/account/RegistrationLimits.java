package io.pulsechat.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast accounts may be created ({@code chat.limits.registrations-per-hour}; the other {@code chat.limits.*}
 * belong to the realtime package).
 *
 * @param registrationsPerHour successful registrations per client address within any hour; the next one gets 429.
 *     Everyone behind one NAT or proxy shares an address: raise it for onboarding days
 */
@ConfigurationProperties("chat.limits")
record RegistrationLimits(@DefaultValue("50") int registrationsPerHour) {

    RegistrationLimits {
        if (registrationsPerHour < 1) {
            throw new IllegalArgumentException("chat.limits.registrations-per-hour must be at least 1");
        }
    }
}

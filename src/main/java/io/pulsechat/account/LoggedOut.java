package io.pulsechat.account;

/** Published when a user logs out of the browser: their open connections end with 4401. */
public record LoggedOut(String userid) {
}

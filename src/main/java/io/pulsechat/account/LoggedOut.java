package io.pulsechat.account;

/**
 * Published when a user's tokens are revoked ({@link Accounts#revokeTokens}: logging out of the browser, later a ban
 * or a password change): their open connections end with 4401.
 */
public record LoggedOut(String userid) {
}

package io.pulsechat.account;

/** Published when an admin bans a user: their sessions on every node close with 4403. */
public record Banned(String userid) {
}

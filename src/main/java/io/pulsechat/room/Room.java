package io.pulsechat.room;

/** A chat room. {@code id} matches {@code ^[a-z0-9][a-z0-9_-]{0,31}$}. */
public record Room(String id, String name, long createdAt) {
}

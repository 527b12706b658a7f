package io.pulsechat.room;

/** Whether a user has an open connection (on any node); the realtime feature answers it. */
public interface OnlineUsers {

    boolean isOnline(String userid);
}

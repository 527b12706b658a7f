package io.pulsechat.realtime;

import java.util.List;

import io.pulsechat.realtime.protocol.ServerFrame.UserRef;

/**
 * Where the {@link PresenceHub} learns whether a user's first session in a room is their first anywhere and their last
 * one out the last anywhere, who is online, and where announcements go besides this node. {@link #LOCAL} decides on
 * this node alone; {@link RedisPresence} decides across the cluster.
 */
interface PresenceStore {

    /**
     * The node's first session of the user entered the room. Greater than 0: first anywhere, and the announcement's
     * number; 0: not first, no announcement; below 0: decided by this node alone, announce unnumbered.
     */
    long enter(String room, UserRef user);

    /** The node's last session of the user left the room; the answer as for {@link #enter}. */
    long exit(String room, UserRef user);

    /** Who is online in the room on every node; null when only this node knows (then the hub answers from its own). */
    List<UserRef> online(String room);

    /** Carries an announcement made here to the other nodes. */
    void publish(PresenceNote note);

    /** This node is the cluster: the first session here is the first anywhere, and nothing travels. */
    PresenceStore LOCAL = new PresenceStore() {
        @Override
        public long enter(String room, UserRef user) {
            return -1;
        }

        @Override
        public long exit(String room, UserRef user) {
            return -1;
        }

        @Override
        public List<UserRef> online(String room) {
            return null;
        }

        @Override
        public void publish(PresenceNote note) {
        }
    };
}

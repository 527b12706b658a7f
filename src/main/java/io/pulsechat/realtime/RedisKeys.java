package io.pulsechat.realtime;

/**
 * The names this node uses in Redis, under {@code chat.cluster.key-prefix} (so several clusters, or test runs, can
 * share one Redis). Keys of one room share a hash tag ({@code {room}}): a Redis Cluster keeps them in one slot.
 */
record RedisKeys(String prefix) {

    String changes() {
        return prefix + "changes";
    }

    String signals() {
        return prefix + "signals";
    }

    String presence() {
        return prefix + "presence";
    }

    String lease(String node) {
        return prefix + "lease:" + node;
    }

    String leasePrefix() {
        return prefix + "lease:";
    }

    String nodes() {
        return prefix + "nodes";
    }

    /** The (room, user) pairs a node has announced, for the survivors to clean up after its death. */
    String holds(String node) {
        return prefix + "holds:" + node;
    }

    String reaper(String node) {
        return prefix + "reap:" + node;
    }

    /** room + user: which nodes have a session of the user in the room. */
    String presence(String room, String userid) {
        return prefix + "pres:{" + room + "}:" + userid;
    }

    /** room: userid -> who is online (display name, platform). */
    String online(String room) {
        return prefix + "online:{" + room + "}";
    }

    /** room: the sequence number of its presence announcements. */
    String sequence(String room) {
        return prefix + "seq:{" + room + "}";
    }

    /** user: node -> how many sessions the user has there. */
    String sessions(String userid) {
        return prefix + "sess:" + userid;
    }

    /** The users a node has counted sessions for. */
    String sessionUsers(String node) {
        return prefix + "sessusers:" + node;
    }

    static String pair(String room, String userid) {
        return room + '\u0001' + userid;
    }
}

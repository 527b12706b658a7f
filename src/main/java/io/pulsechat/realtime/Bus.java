package io.pulsechat.realtime;

import io.pulsechat.message.RoomChange;

/**
 * How this node tells the others what happened here (DESIGN.md, "bus"). Room changes are published after their
 * commit; each node, this one included, delivers only to its own sessions, through its {@link RoomFeed}, which puts
 * them in revision order and fills gaps from the database. With one node the bus carries nothing. While the engine
 * is unreachable ({@link #up()} false) the feeds poll the database, so no change is lost, only later.
 */
interface Bus {

    /** A committed room change, for the other nodes' feeds. {@code inline}: a small attachment's bytes, or null. */
    void publish(RoomChange change, byte[] inline);

    /** A signal for sessions on the other nodes (this node carries it out itself). */
    void publish(Signal signal);

    /** Whether messages flow between nodes now; false: the feeds poll the database instead. */
    boolean up();

    /** One node: nothing to tell anyone. */
    Bus LOCAL = new Bus() {
        @Override
        public void publish(RoomChange change, byte[] inline) {
        }

        @Override
        public void publish(Signal signal) {
        }

        @Override
        public boolean up() {
            return true;
        }
    };
}

package io.pulsechat.bench;

import java.net.URI;
import java.util.Collection;

/** A server the load tool measures: Pulse, or the Node.js peer. Both take the same join and send frames. */
interface Target extends AutoCloseable {

    /** Memory of the server process: heap in use after a full GC, and resident set size, in bytes. */
    record Memory(long heap, long rss) {
    }

    String name();

    /** The URI for the {@code i}-th connection (Pulse: a user's pre-fetched token; the handshake includes no REST call). */
    URI uri(int i);

    /** Makes sure the rooms exist (Pulse creates them over REST; the peer has rooms on join). */
    void createRooms(Collection<String> rooms);

    /** True when the server acknowledges stored messages ({@code resp_type} 4). */
    boolean acks();

    Memory memory();

    /** What the report says about how this server ran. */
    String describe();

    @Override
    void close();
}

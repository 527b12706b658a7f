package io.pulsechat.room;

import io.pulsechat.shared.DomainException;

/** A room with that id exists (409). */
public class RoomExists extends DomainException {

    public RoomExists(String id) {
        super(Kind.CONFLICT, "room_exists", "The room '" + id + "' exists.");
    }
}

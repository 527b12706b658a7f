package io.pulsechat.room;

import io.pulsechat.shared.DomainException;

/** Refusals of the room feature, mapped to problem+json by the web layer. */
final class RoomProblems {

    private RoomProblems() {
    }

    /** No such room, or a private or direct one the caller is not a member of: they look the same (404). */
    static final class NoSuchRoom extends DomainException {
        NoSuchRoom(String id) {
            super(Kind.NOT_FOUND, "no_such_room", "No room '" + id + "'.");
        }
    }

    static final class NoSuchUser extends DomainException {
        NoSuchUser(String userid) {
            super(Kind.NOT_FOUND, "no_such_user", "No user '" + userid + "'.");
        }
    }

    static final class NotMember extends DomainException {
        NotMember(String room, String userid) {
            super(Kind.NOT_FOUND, "not_member", "'" + userid + "' is not a member of '" + room + "'.");
        }
    }

    /** Only the room's owner or an admin may do this (403). */
    static final class OwnerOnly extends DomainException {
        OwnerOnly(String what) {
            super(Kind.FORBIDDEN, "owner_only", "Only the room's owner or an admin may " + what + ".");
        }
    }

    /** Not possible for this room (409): leaving lobby or a direct room, adding to a public one, deleting lobby. */
    static final class NotForThisRoom extends DomainException {
        NotForThisRoom(String code, String detail) {
            super(Kind.CONFLICT, code, detail);
        }
    }
}

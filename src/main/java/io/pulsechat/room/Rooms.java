package io.pulsechat.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.validation.Validator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.pulsechat.shared.FieldRules;
import io.pulsechat.shared.InvalidInput;
import io.pulsechat.shared.RateLimit;
import io.pulsechat.shared.TooManyRequests;

/**
 * Rooms and their members (docs/protocol.md sections 9 and 10). A private or direct room does not exist for anyone who is
 * not a member: every call answers as for a room that does not exist. Changes others must hear of are published as
 * {@link RoomChanged} after they are stored. {@code lobby} is created on first start and every user is in it.
 */
@Service
public class Rooms {

    public static final String LOBBY = "lobby";
    static final String ID_PATTERN = "^[a-z0-9][a-z0-9_-]{0,31}$";
    static final int PUBLIC_LIST_DEFAULT = 50;
    static final int PUBLIC_LIST_MAX = 100;
    static final int MEMBERS_DEFAULT = 50;
    static final int MEMBERS_MAX = 200;

    private final RoomRepository repository;
    private final Memberships memberships;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final OnlineUsers online;
    private final Clock clock;
    private final Validator validator;
    private final RateLimit creations;

    Rooms(RoomRepository repository, Memberships memberships, ApplicationEventPublisher events, TransactionTemplate transactions,
          OnlineUsers online, Clock clock, Validator validator, RoomLimits limits) {
        this.repository = repository;
        this.memberships = memberships;
        this.events = events;
        this.transactions = transactions;
        this.online = online;
        this.clock = clock;
        this.validator = validator;
        this.creations = new RateLimit(limits.roomsPerHour(), Duration.ofHours(1), clock);
        ensureLobby();
    }

    private void ensureLobby() {
        if (!exists(LOBBY)) {
            try {
                repository.insert(LOBBY, "Lobby", Room.PUBLIC, "", clock.millis(), null, null);
            } catch (DuplicateKeyException raced) {
                // another node created it
            }
        }
    }

    public boolean exists(String id) {
        return id != null && repository.find(id).isPresent();
    }

    public static boolean validId(String id) {
        return RoomIds.isValidNamed(id);
    }

    /** The room as this user may see it, else {@link RoomProblems.NoSuchRoom}. */
    private Room visible(String id, String userid) {
        return repository.findFor(id, userid)
                .or(() -> repository.find(id).filter(Room::isPublic).map(r -> withMember(r, false)))
                .orElseThrow(() -> new RoomProblems.NoSuchRoom(id));
    }

    private static Room withMember(Room r, boolean member) {
        return new Room(r.id(), r.name(), r.kind(), r.topic(), r.createdAt(), r.createdBy(), r.memberCount(), member, null, null,
                null, null);
    }

    /** The user's rooms, lobby always among them (section 9). */
    public List<Room> listFor(String userid) {
        memberships.add(LOBBY, userid, Memberships.MEMBER);
        return repository.listFor(userid);
    }

    public Room get(String id, String userid) {
        return visible(id, userid);
    }

    /** A page of public rooms, by id. */
    public record PublicPage(List<Room> rooms, boolean hasMore) {
    }

    public PublicPage publicRooms(String q, String after, Integer limit) {
        int size = limit(limit, PUBLIC_LIST_DEFAULT, PUBLIC_LIST_MAX);
        List<Room> found = repository.publicRooms(q, after, size + 1);
        return found.size() > size ? new PublicPage(found.subList(0, size), true) : new PublicPage(found, false);
    }

    /**
     * Creates a room; the creator is its owner and first member. A public room is announced to every connected user.
     *
     * @throws InvalidInput for invalid fields (all reported)
     * @throws TooManyRequests when the user created {@code chat.limits.rooms-per-hour} rooms within the hour
     * @throws RoomExists when the id is taken
     */
    public Room create(String userid, NewRoom request) {
        List<InvalidInput.FieldError> errors = FieldRules.check(validator, request);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        creations.tryAcquire(userid).ifPresent(wait -> {
            throw new TooManyRequests("room_rate_limited", "You created " + creations.limit()
                    + " rooms within an hour; try again later.", wait);
        });
        String kind = request.kind() == null ? Room.PUBLIC : request.kind();
        try {
            transactions.executeWithoutResult(tx -> {
                repository.insert(request.id(), request.name().strip(), kind, request.topic() == null ? "" : request.topic().strip(),
                        clock.millis(), userid, null);
                memberships.add(request.id(), userid, Memberships.OWNER);
            });
        } catch (DuplicateKeyException e) {
            throw new RoomExists(request.id());
        }
        Room room = repository.findFor(request.id(), userid).orElseThrow();
        if (room.isPublic()) {
            events.publishEvent(new RoomChanged("created", room.general(), null, false));
        } else {
            events.publishEvent(new RoomChanged("added", room.general(), Set.of(userid), false));
        }
        return room;
    }

    /** Name and topic; the owner or an admin. Members hear of it. */
    public Room update(String userid, String id, RoomUpdate update) {
        Room room = visible(id, userid);
        if (!memberships.mayModerate(id, userid)) {
            throw new RoomProblems.OwnerOnly("change the room");
        }
        if (Room.DIRECT.equals(room.kind())) {
            throw new RoomProblems.NotForThisRoom("direct_room", "A direct room has no name or topic to change.");
        }
        List<InvalidInput.FieldError> errors = FieldRules.check(validator, update);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        repository.update(id, update.name() == null ? null : update.name().strip(), update.topic() == null ? null : update.topic().strip());
        Room updated = visible(id, userid);
        events.publishEvent(new RoomChanged("updated", updated.general(), Set.copyOf(memberships.members(id)), false));
        return updated;
    }

    /** Deletes the room with its messages and attachments; the owner or an admin; never lobby. */
    public void delete(String userid, String id) {
        Room room = visible(id, userid);
        if (LOBBY.equals(id)) {
            throw new RoomProblems.NotForThisRoom("lobby", "The lobby cannot be deleted.");
        }
        if (!memberships.mayModerate(id, userid)) {
            throw new RoomProblems.OwnerOnly("delete the room");
        }
        Set<String> members = Set.copyOf(memberships.members(id));
        transactions.executeWithoutResult(tx -> repository.delete(id));
        events.publishEvent(new RoomChanged("deleted", new Room(id, null, room.kind(), null, room.createdAt(), null, null, null,
                null, null, null, null), members, true));
    }

    /** Joins a public room (the user becomes a member). */
    public Room join(String userid, String id) {
        Room room = visible(id, userid);
        if (!room.isPublic()) {
            if (Boolean.TRUE.equals(room.member())) {
                return room;
            }
            throw new RoomProblems.NoSuchRoom(id);
        }
        memberships.add(id, userid, Memberships.MEMBER);
        return visible(id, userid);
    }

    /** Leaves a room; not lobby, not a direct room. The user's sessions stop receiving it. */
    public void leave(String userid, String id) {
        Room room = visible(id, userid);
        if (LOBBY.equals(id) || Room.DIRECT.equals(room.kind())) {
            throw new RoomProblems.NotForThisRoom("cannot_leave", "Nobody leaves the lobby or a direct room.");
        }
        if (!repository.removeMember(id, userid)) {
            throw new RoomProblems.NotMember(id, userid);
        }
        events.publishEvent(new RoomChanged("removed", room.general(), Set.of(userid), true));
    }

    /** One member of the list. */
    public record Member(String userid, String username, String displayName, String role, boolean online) {
    }

    public record MemberPage(List<Member> members, boolean hasMore) {
    }

    public MemberPage members(String userid, String id, String after, Integer limit) {
        visible(id, userid);
        int size = limit(limit, MEMBERS_DEFAULT, MEMBERS_MAX);
        var rows = repository.members(id, after, size + 1);
        boolean more = rows.size() > size;
        List<Member> page = (more ? rows.subList(0, size) : rows).stream()
                .map(r -> new Member(r.userid(), r.username(), r.displayName(), r.role(), online.isOnline(r.userid()))).toList();
        return new MemberPage(page, more);
    }

    /** A member of a private room adds someone; they hear of it ({@code added}). */
    public Room addMember(String userid, String id, String newMember) {
        Room room = visible(id, userid);
        if (!Room.PRIVATE.equals(room.kind())) {
            throw new RoomProblems.NotForThisRoom("not_private", "Members are added to private rooms only; anyone may join a public one.");
        }
        if (!Boolean.TRUE.equals(room.member())) {
            throw new RoomProblems.NoSuchRoom(id);
        }
        if (newMember == null || !repository.userExists(newMember)) {
            throw new RoomProblems.NoSuchUser(String.valueOf(newMember));
        }
        if (!memberships.add(id, newMember, Memberships.MEMBER)) {
            throw new RoomProblems.NotForThisRoom("already_member", "They are a member already.");
        }
        Room now = visible(id, userid);
        events.publishEvent(new RoomChanged("added", now.general(), Set.of(newMember), false));
        return now;
    }

    /** The owner or an admin removes a member; their sessions stop receiving the room and hear {@code removed}. */
    public void removeMember(String userid, String id, String member) {
        Room room = visible(id, userid);
        if (!memberships.mayModerate(id, userid)) {
            throw new RoomProblems.OwnerOnly("remove members");
        }
        if (LOBBY.equals(id) || Room.DIRECT.equals(room.kind())) {
            throw new RoomProblems.NotForThisRoom("cannot_remove", "Nobody is removed from the lobby or a direct room.");
        }
        if (!repository.removeMember(id, member)) {
            throw new RoomProblems.NotMember(id, member);
        }
        events.publishEvent(new RoomChanged("removed", room.general(), Set.of(member), true));
    }

    /** The direct room of two users (or of one with themself), and whether this call created it. */
    public record Direct(Room room, boolean created) {
    }

    /** The same room every time, whoever asks (section 10). */
    public Direct direct(String userid, String other) {
        if (other == null || !repository.userExists(other)) {
            throw new RoomProblems.NoSuchUser(String.valueOf(other));
        }
        String key = Stream.of(userid, other).sorted().reduce((a, b) -> a + "|" + b).orElseThrow();
        Optional<String> existing = repository.directRoom(key);
        if (existing.isPresent()) {
            return new Direct(repository.findFor(existing.get(), userid).orElseThrow(), false);
        }
        String id = "dm-" + sha256Hex(key).substring(0, 24);
        boolean created;
        try {
            transactions.executeWithoutResult(tx -> {
                repository.insert(id, "", Room.DIRECT, "", clock.millis(), userid, key);
                memberships.add(id, userid, Memberships.MEMBER);
                memberships.add(id, other, Memberships.MEMBER);
            });
            created = true;
        } catch (DuplicateKeyException raced) {
            created = false; // the other user (or another node) made it at the same moment
        }
        Room room = repository.findFor(id, userid).orElseThrow();
        if (created) {
            events.publishEvent(new RoomChanged("added", room.general(), new HashSet<>(List.of(userid, other)), false));
        }
        return new Direct(room, created);
    }

    private static int limit(Integer limit, int fallback, int max) {
        int size = limit == null ? fallback : limit;
        if (size < 1 || size > max) {
            throw new InvalidInput("limit", "range", "limit must be between 1 and " + max);
        }
        return size;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

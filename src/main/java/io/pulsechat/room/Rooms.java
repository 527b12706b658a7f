package io.pulsechat.room;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Validator;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.pulsechat.shared.FieldRules;
import io.pulsechat.shared.InvalidInput;
import io.pulsechat.shared.RateLimit;
import io.pulsechat.shared.TooManyRequests;

/** Rooms in the database; {@code lobby} is created on first start. */
@Service
public class Rooms {

    public static final String LOBBY = "lobby";
    static final String ID_PATTERN = "^[a-z0-9][a-z0-9_-]{0,31}$";
    private static final Pattern ID = Pattern.compile(ID_PATTERN);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Validator validator;
    private final RateLimit creations;

    Rooms(JdbcClient jdbc, Clock clock, Validator validator, RoomLimits limits) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.validator = validator;
        this.creations = new RateLimit(limits.roomsPerHour(), Duration.ofHours(1), clock);
        ensureLobby();
    }

    private void ensureLobby() {
        if (!exists(LOBBY)) {
            try {
                insert(new Room(LOBBY, "Lobby", clock.millis()));
            } catch (DuplicateKeyException raced) {
                // another node created it
            }
        }
    }

    public List<Room> list() {
        return jdbc.sql("select id, name, created_at from rooms order by created_at, id")
                .query((rs, n) -> new Room(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    public boolean exists(String id) {
        return id != null && jdbc.sql("select count(*) from rooms where id = ?").param(id).query(Integer.class).single() > 0;
    }

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Creates a room for a user. Attempts that pass validation count towards {@code chat.limits.rooms-per-hour}.
     *
     * @throws InvalidInput for an invalid id or name (both reported)
     * @throws TooManyRequests when the user created too many rooms within the hour
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
        var room = new Room(request.id(), request.name().strip(), clock.millis());
        try {
            insert(room);
        } catch (DuplicateKeyException e) {
            throw new RoomExists(request.id());
        }
        return room;
    }

    private void insert(Room room) {
        jdbc.sql("insert into rooms (id, name, created_at, last_message_id) values (?, ?, ?, 0)")
                .params(room.id(), room.name(), room.createdAt()).update();
    }
}

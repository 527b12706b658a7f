package io.pulsechat.room;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** Rooms in the database; {@code lobby} is created on first start. */
@Service
public class Rooms {

    public static final String LOBBY = "lobby";
    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,31}$");

    private final JdbcClient jdbc;
    private final Clock clock;

    Rooms(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
     * @throws ResponseStatusException 400 for an invalid id or name, 409 when the id exists
     */
    public Room create(String id, String name) {
        if (!validId(id)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "id must match ^[a-z0-9][a-z0-9_-]{0,31}$");
        }
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "name must be 1 to 64 characters and not blank");
        }
        var room = new Room(id, name.strip(), clock.millis());
        try {
            insert(room);
        } catch (DuplicateKeyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The room '" + id + "' exists.");
        }
        return room;
    }

    private void insert(Room room) {
        jdbc.sql("insert into rooms (id, name, created_at, last_message_id) values (?, ?, ?, 0)")
                .params(room.id(), room.name(), room.createdAt()).update();
    }
}

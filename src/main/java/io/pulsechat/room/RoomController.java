package io.pulsechat.room;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/rooms} (PROTOCOL section 2). */
@RestController
class RoomController {

    private final Rooms rooms;

    RoomController(Rooms rooms) {
        this.rooms = rooms;
    }

    record NewRoom(String id, String name) {
    }

    @GetMapping("/api/rooms")
    List<Room> list() {
        return rooms.list();
    }

    @PostMapping("/api/rooms")
    @ResponseStatus(HttpStatus.CREATED)
    Room create(@RequestBody NewRoom body) {
        return rooms.create(body.id(), body.name());
    }
}

package io.pulsechat.room;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.pulsechat.account.ChatUser;

/** {@code /api/rooms} (PROTOCOL section 2). Refusals are domain exceptions, written as problem+json by the web package. */
@RestController
class RoomController {

    private final Rooms rooms;

    RoomController(Rooms rooms) {
        this.rooms = rooms;
    }

    @GetMapping("/api/rooms")
    List<Room> list() {
        return rooms.list();
    }

    @PostMapping("/api/rooms")
    @ResponseStatus(HttpStatus.CREATED)
    Room create(@AuthenticationPrincipal ChatUser user, @RequestBody NewRoom body) {
        return rooms.create(user.userid(), body);
    }
}

package io.pulsechat.room;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.pulsechat.account.ChatUser;

/**
 * {@code /api/rooms/**} and {@code /api/direct} (docs/protocol.md sections 2, 9 and 10). Refusals are domain exceptions,
 * written as problem+json by the web package.
 */
@RestController
class RoomController {

    private final Rooms rooms;

    RoomController(Rooms rooms) {
        this.rooms = rooms;
    }

    /** The body of {@code POST /api/rooms/{id}/members} and {@code POST /api/direct}. */
    record UserRef(String userid) {
    }

    @GetMapping("/api/rooms")
    List<Room> list(@AuthenticationPrincipal ChatUser user) {
        return rooms.listFor(user.userid());
    }

    @GetMapping("/api/rooms/public")
    Rooms.PublicPage publicRooms(@RequestParam(required = false) String q, @RequestParam(required = false) String after,
                                 @RequestParam(required = false) Integer limit) {
        return rooms.publicRooms(q, after, limit);
    }

    @PostMapping("/api/rooms")
    @ResponseStatus(HttpStatus.CREATED)
    Room create(@AuthenticationPrincipal ChatUser user, @RequestBody NewRoom body) {
        return rooms.create(user.userid(), body);
    }

    @GetMapping("/api/rooms/{id}")
    Room get(@AuthenticationPrincipal ChatUser user, @PathVariable String id) {
        return rooms.get(id, user.userid());
    }

    @PatchMapping("/api/rooms/{id}")
    Room update(@AuthenticationPrincipal ChatUser user, @PathVariable String id, @RequestBody RoomUpdate body) {
        return rooms.update(user.userid(), id, body);
    }

    @DeleteMapping("/api/rooms/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ChatUser user, @PathVariable String id) {
        rooms.delete(user.userid(), id);
    }

    @GetMapping("/api/rooms/{id}/members")
    Rooms.MemberPage members(@AuthenticationPrincipal ChatUser user, @PathVariable String id,
                             @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit) {
        return rooms.members(user.userid(), id, after, limit);
    }

    @PutMapping("/api/rooms/{id}/members/me")
    Room join(@AuthenticationPrincipal ChatUser user, @PathVariable String id) {
        return rooms.join(user.userid(), id);
    }

    @DeleteMapping("/api/rooms/{id}/members/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(@AuthenticationPrincipal ChatUser user, @PathVariable String id) {
        rooms.leave(user.userid(), id);
    }

    @PostMapping("/api/rooms/{id}/members")
    @ResponseStatus(HttpStatus.CREATED)
    Room addMember(@AuthenticationPrincipal ChatUser user, @PathVariable String id, @RequestBody UserRef body) {
        return rooms.addMember(user.userid(), id, body.userid());
    }

    @DeleteMapping("/api/rooms/{id}/members/{userid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@AuthenticationPrincipal ChatUser user, @PathVariable String id, @PathVariable String userid) {
        rooms.removeMember(user.userid(), id, userid);
    }

    @PostMapping("/api/direct")
    ResponseEntity<Room> direct(@AuthenticationPrincipal ChatUser user, @RequestBody UserRef body) {
        Rooms.Direct direct = rooms.direct(user.userid(), body.userid());
        return ResponseEntity.status(direct.created() ? HttpStatus.CREATED : HttpStatus.OK).body(direct.room());
    }

}

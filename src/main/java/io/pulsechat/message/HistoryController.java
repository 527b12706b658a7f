package io.pulsechat.message;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pulsechat.account.ChatUser;
import io.pulsechat.room.Memberships;

/**
 * {@code /api/rooms/{id}/messages}, {@code /api/attachments/{id}} (docs/protocol.md section 2) and {@code /api/search}
 * (section 13). A private or direct room, and anything in it, does not exist for a non-member: 404.
 */
@RestController
class HistoryController {

    private static final java.util.Set<String> INLINE_TYPES =
            java.util.Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp");

    private final History history;
    private final Search search;
    private final Memberships memberships;
    private final MessageRepository repository;

    HistoryController(History history, Search search, Memberships memberships, MessageRepository repository) {
        this.history = history;
        this.search = search;
        this.memberships = memberships;
        this.repository = repository;
    }

    private void requireReadable(String room, ChatUser user) {
        if (!memberships.mayRead(room, user.userid())) {
            throw new History.NotFound("no_such_room", "No room '" + room + "'.");
        }
    }

    @GetMapping("/api/rooms/{room}/messages")
    History.Page messages(@AuthenticationPrincipal ChatUser user, @PathVariable String room, @RequestParam(required = false) Long before,
                          @RequestParam(required = false) Long after, @RequestParam(name = "since_rev", required = false) Long sinceRev,
                          @RequestParam(required = false) Integer limit) {
        requireReadable(room, user);
        return history.page(room, before, after, sinceRev, limit);
    }

    @GetMapping("/api/search")
    Search.Results search(@AuthenticationPrincipal ChatUser user, @RequestParam(required = false) String q,
                          @RequestParam(required = false) String room, @RequestParam(required = false) Long before,
                          @RequestParam(required = false) Integer limit) {
        if (room != null) {
            requireReadable(room, user);
        }
        return search.search(user.userid(), q, room, before, limit);
    }


    @GetMapping("/api/attachments/{id}")
    ResponseEntity<byte[]> attachment(@AuthenticationPrincipal ChatUser user, @PathVariable long id) {
        var file = repository.attachment(id)
                .filter(f -> f.room() != null && memberships.mayRead(f.room(), user.userid()))
                .orElseThrow(() -> new History.NotFound("no_such_attachment", "No attachment " + id + "."));
        MediaType type;
        try {
            type = MediaType.parseMediaType(file.type());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        // only raster images inline: an SVG (or HTML) opened from our origin could carry script
        boolean inline = INLINE_TYPES.contains(type.getType() + "/" + type.getSubtype());
        var disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(file.name(), java.nio.charset.StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.bytes());
    }
}

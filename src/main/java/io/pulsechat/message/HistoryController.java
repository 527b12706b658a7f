package io.pulsechat.message;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.pulsechat.room.Rooms;

/** {@code /api/rooms/{id}/messages} and {@code /api/attachments/{id}} (PROTOCOL section 2). */
@RestController
class HistoryController {

    private static final java.util.Set<String> INLINE_TYPES =
            java.util.Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp");

    private final History history;
    private final Rooms rooms;
    private final MessageRepository repository;

    HistoryController(History history, Rooms rooms, MessageRepository repository) {
        this.history = history;
        this.rooms = rooms;
        this.repository = repository;
    }

    @GetMapping("/api/rooms/{room}/messages")
    History.Page messages(@PathVariable String room, @RequestParam(required = false) Long before,
                          @RequestParam(required = false) Long after, @RequestParam(name = "since_rev", required = false) Long sinceRev,
                          @RequestParam(required = false) Integer limit) {
        if (!rooms.exists(room)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No room '" + room + "'.");
        }
        return history.page(room, before, after, sinceRev, limit);
    }

    @ExceptionHandler(History.InvalidQuery.class)
    ProblemDetail invalidQuery(History.InvalidQuery e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @GetMapping("/api/attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable long id) {
        var file = repository.attachment(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No attachment " + id + "."));
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

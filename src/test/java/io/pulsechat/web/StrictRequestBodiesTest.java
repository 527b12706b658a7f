package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** The request-body mapper on its own: every String, wherever it sits in a body, is checked once. */
class StrictRequestBodiesTest {

    record Body(String text, List<String> tags, Map<String, String> labels, Inner inner) {
    }

    record Inner(String name) {
    }

    final JsonMapper application = JsonMapper.builder().build();
    final JsonMapper strict = StrictRequestBodies.strict(application);

    @Test
    void loneSurrogatesAreRefusedInEveryStringPosition() {
        for (String json : List.of("{\"text\":\"a\\ud800\"}", "{\"tags\":[\"ok\",\"\\udc00\"]}",
                "{\"labels\":{\"k\":\"\\ud800\"}}", "{\"inner\":{\"name\":\"\\ud800\"}}")) {
            assertThatThrownBy(() -> strict.readValue(json, Body.class)).as(json)
                    .isInstanceOf(StrictRequestBodies.MalformedText.class);
        }
        Body fine = strict.readValue("{\"text\":\"\\ud83d\\ude00\",\"tags\":[\"a\"],\"inner\":{\"name\":\"n\"}}", Body.class);
        assertThat(fine.text()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void scalarsAreNotTurnedIntoText() {
        for (String json : List.of("{\"text\":12}", "{\"text\":1.5}", "{\"text\":false}", "{\"tags\":[1]}")) {
            assertThatThrownBy(() -> strict.readValue(json, Body.class)).as(json).isInstanceOf(MismatchedInputException.class);
        }
        assertThat(strict.readValue("{\"text\":null}", Body.class).text()).isNull();
    }

    @Test
    void theApplicationMapperItselfIsUnchanged() {
        // the WebSocket side uses the application's mapper: it still coerces and reads trees as before
        assertThat(application.readValue("{\"text\":12}", Body.class).text()).isEqualTo("12");
        assertThat(strict.readTree("{\"text\":\"a\\ud800\"}").get("text").asString()).isEqualTo("a\uD800");
    }
}

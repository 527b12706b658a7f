package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pulsechat.account.ChatUser;
import io.pulsechat.realtime.protocol.FrameEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Presence per user (first in, last out) with several sessions of one user, the online list, typing throttles. */
class PresenceHubTest {

    static final JsonMapper JSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    final PresenceHub hub = new PresenceHub(new FrameEncoder(JSON), "test");
    final ChatUser ann = Sessions.user("ann");
    final ChatUser bob = Sessions.user("bob");

    record Client(ChatSession session, FakeWebSocketSession socket) {
        /** The room events written so far, as "event userid" (with " online=[...]" for the joiner's own). */
        List<String> events() {
            return socket.texts().stream().map(t -> JSON.readTree(t)).filter(f -> f.get("resp_type").asInt() == 3)
                    .map(Client::describe).toList();
        }

        static String describe(JsonNode f) {
            String text = f.get("event").asString() + " " + f.get("user").get("userid").asString();
            if (f.has("online")) {
                text += " online=" + f.get("online").valueStream().map(u -> u.get("userid").asString()).sorted().toList();
            }
            return text;
        }
    }

    Client client(ChatUser user) {
        var socket = new FakeWebSocketSession("superchat");
        return new Client(Sessions.session(socket, user, Sessions.INLINE, Sessions.limits(org.springframework.util.unit.DataSize.ofMegabytes(1)), 0), socket);
    }

    @Test
    void presenceIsPerUserFirstInLastOut() {
        Client bob1 = client(bob);
        Client ann1 = client(ann);
        Client ann2 = client(ann);
        hub.join(bob1.session(), "r", 0);
        hub.join(ann1.session(), "r", 1);
        hub.join(ann2.session(), "r", 2);
        hub.join(ann2.session(), "r", 3); // again: answered again, announced to nobody

        assertThat(ann1.events()).containsExactly("joined ann online=[ann, bob]");
        assertThat(ann2.events()).containsExactly("joined ann online=[ann, bob]", "joined ann online=[ann, bob]");
        assertThat(bob1.events()).containsExactly("joined bob online=[bob]", "joined ann");

        hub.leave(ann1.session(), "r", 4);
        assertThat(ann1.events()).endsWith("left ann");
        assertThat(bob1.events()).as("ann is still here with another session").containsExactly("joined bob online=[bob]", "joined ann");
        assertThat(hub.isSubscribed(ann1.session(), "r")).isFalse();
        assertThat(hub.isSubscribed(ann2.session(), "r")).isTrue();

        hub.disconnected(ann2.session(), 5);
        assertThat(bob1.events()).endsWith("left ann");
        assertThat(hub.subscribers("r")).containsExactly(bob1.session());
        hub.disconnected(bob1.session(), 6);
        assertThat(hub.activeRooms()).isEmpty();
    }

    @Test
    void leavingARoomNotJoinedAnnouncesNothing() {
        Client bob1 = client(bob);
        Client ann1 = client(ann);
        hub.join(bob1.session(), "r", 0);
        hub.leave(ann1.session(), "r", 1);
        hub.disconnected(ann1.session(), 2);
        assertThat(bob1.events()).containsExactly("joined bob online=[bob]");
        assertThat(ann1.events()).isEmpty();
    }

    @Test
    void typingReachesOtherUsersAtMostOnceEveryTwoSeconds() {
        Client bob1 = client(bob);
        Client ann1 = client(ann);
        Client ann2 = client(ann);
        for (Client c : List.of(bob1, ann1, ann2)) {
            hub.join(c.session(), "r", 0);
        }
        hub.typing(ann1.session(), "r", 10_000);
        hub.typing(ann2.session(), "r", 11_999); // the same user, within 2 s
        hub.typing(ann1.session(), "r", 12_000);
        hub.typing(bob1.session(), "r", 12_000);
        assertThat(bob1.events().stream().filter(e -> e.startsWith("typing"))).containsExactly("typing ann", "typing ann");
        assertThat(ann1.events().stream().filter(e -> e.startsWith("typing"))).containsExactly("typing bob");
        assertThat(ann2.events().stream().filter(e -> e.startsWith("typing"))).containsExactly("typing bob");
    }
}

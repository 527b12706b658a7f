package io.pulsechat.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * docs/protocol.md section 14: admins ({@code chat.admins}) delete any message and any room but lobby, and ban: the banned
 * user's sessions close with 4403, their tokens stop working, login is refused saying so; unbanning lets them in.
 */
@ChatServerTest(properties = "chat.admins=the_admin_of_moderation")
class ModerationTest {

    @LocalServerPort
    int port;

    TestApi api;
    TestApi.User admin;
    TestApi.User user;
    final List<WsClient> clients = new java.util.ArrayList<>();

    @BeforeEach
    void cast() {
        api = new TestApi(port);
        admin = registerOnce("the_admin_of_moderation");
        user = api.register();
    }

    TestApi.User registerOnce(String username) {
        var response = api.post("/api/users", Map.of("username", username, "password", "secret-pw-1", "display_name", "Admin"), null);
        String userid = response.statusCode() == 201 ? TestApi.json(response).get("userid").asString()
                : TestApi.json(api.get("/api/me", new TestApi.User("", username, "secret-pw-1", "Admin"))).get("userid").asString();
        return new TestApi.User(userid, username, "secret-pw-1", "Admin");
    }

    @AfterEach
    void close() {
        clients.forEach(WsClient::closeQuietly);
    }

    WsClient connect(TestApi.User who) {
        WsClient client = api.connect(who, "chat");
        clients.add(client);
        return client;
    }

    @Test
    void meSaysWhoIsAnAdmin() {
        assertThat(TestApi.json(api.get("/api/me", admin)).get("admin").asBoolean()).isTrue();
        assertThat(TestApi.json(api.get("/api/me", user)).get("admin").asBoolean()).isFalse();
    }

    @Test
    void anAdminDeletesAnyMessageAndAnyRoomButLobby() {
        String room = api.createRoom(user, "public");
        WsClient u = connect(user);
        u.join(room);
        u.sendMessage(room, "to be moderated", "mod-1");
        long id = u.await(f -> f.path("resp_type").asInt() == 2).get("id").asLong();
        WsClient a = connect(admin);
        a.join(room);
        a.send(Map.of("req_type", 10, "room", room, "id", id));
        assertThat(u.await(f -> f.path("resp_type").asInt() == 10).get("deleted").asBoolean()).isTrue();
        TestApi.assertProblem(api.call("DELETE", "/api/rooms/lobby", null, admin), 409);
        assertThat(api.call("DELETE", "/api/rooms/" + room, null, admin).statusCode()).isEqualTo(204);
    }

    @Test
    void theOwnerMentionsTheWholeRoomOthersCannot() {
        String room = api.createRoom(user, "public");
        TestApi.User other = api.register();
        api.call("PUT", "/api/rooms/" + room + "/members/me", null, other);
        WsClient o = connect(other);
        o.join(room);
        WsClient u = connect(user);
        u.join(room);
        u.sendMessage(room, "@room meeting now", "all-1");
        JsonNode mine = u.await(f -> f.path("resp_type").asInt() == 2 && "all-1".equals(f.path("client_msg_id").asString()));
        assertThat(mine.get("mentions").valueStream().map(JsonNode::asString)).contains(user.userid(), other.userid());
        o.sendMessage(room, "@room me too", "all-2");
        JsonNode theirs = o.await(f -> f.path("resp_type").asInt() == 2 && "all-2".equals(f.path("client_msg_id").asString()));
        assertThat(theirs.get("mentions")).isEmpty();
    }

    @Test
    void aBanClosesWith4403RevokesTokensAndRefusesLogin() {
        String token = api.token(user);
        WsClient one = connect(user);
        WsClient two = connect(user);
        TestApi.assertProblem(api.post("/api/users/" + admin.userid() + "/ban", null, user), 403);
        assertThat(api.post("/api/users/" + user.userid() + "/ban", null, admin).statusCode()).isEqualTo(204);
        for (WsClient s : List.of(one, two)) {
            WsClient.Close close = s.awaitClose(Duration.ofSeconds(10));
            assertThat(close.code()).isEqualTo(4403);
        }
        assertThat(api.request("GET", "/api/me", null, Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(401);
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), token, null), Map.of(), "chat")).isEqualTo(401);
        var refused = api.post("/api/auth/token", null, user);
        TestApi.assertProblem(refused, 401);
        assertThat(TestApi.json(refused).get("code").asString()).isEqualTo("account_banned");
        // the login page the browser is sent to says so
        assertThat(api.request("GET", "/login?banned", null, Map.of("Accept", "text/html")).body()).contains("data-testid=\"login-banned\"");
        TestApi.assertProblem(api.post("/api/users/nobody-here/ban", null, admin), 404);

        assertThat(api.call("DELETE", "/api/users/" + user.userid() + "/ban", null, admin).statusCode()).isEqualTo(204);
        assertThat(api.token(user)).isNotBlank();
        connect(user);
    }
}

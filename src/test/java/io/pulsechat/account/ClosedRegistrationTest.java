package io.pulsechat.account;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;

@ChatServerTest(properties = "chat.auth.registration-open=false")
class ClosedRegistrationTest {

    @LocalServerPort
    int port;

    @Test
    void registrationIs403WhenClosed() {
        var response = new TestApi(port).post("/api/users",
                Map.of("username", "someone", "password", "password1", "display_name", "Someone"), null);
        TestApi.assertProblem(response, 403);
        org.assertj.core.api.Assertions.assertThat(TestApi.json(response).get("code").asString()).isEqualTo("registration_closed");
    }
}

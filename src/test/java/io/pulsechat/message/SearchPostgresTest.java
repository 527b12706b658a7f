package io.pulsechat.message;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.pulsechat.ChatServerTest;
import io.pulsechat.PostgresSupport;

/**
 * The search contract on PostgreSQL, where it runs in steps on its own indexes (the newest messages first, then the
 * trigram and bigram indexes): the same answers as on H2.
 */
@ChatServerTest
class SearchPostgresTest extends SearchApiTest {

    @BeforeAll
    static void requirePostgres() {
        PostgresSupport.require();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSupport.register(registry);
    }
}

package io.pulsechat.message;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.pulsechat.ChatServerTest;
import io.pulsechat.PostgresSupport;

/** The storage contract on PostgreSQL (the same Flyway migrations as H2). */
@ChatServerTest
class PostgresPersistenceTest extends PersistenceContract {

    @BeforeAll
    static void requirePostgres() {
        PostgresSupport.require();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSupport.register(registry);
    }
}

package io.pulsechat;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Pulse Chat: pages, REST API and the chat WebSocket endpoint in one application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PulseChatApplication {

    public static void main(String[] args) {
        SpringApplication.run(PulseChatApplication.class, args);
    }

    /** The one source of "now" (message timestamps, token lifetimes), replaceable in tests. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

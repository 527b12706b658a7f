package io.pulsechat.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read the operational endpoints ({@code chat.ops.*}): {@code /actuator/metrics}, {@code /actuator/prometheus}
 * and every other actuator endpoint but health.
 *
 * @param users chat usernames (comma-separated in a property) that are operators, with their usual login
 * @param scrapeUsername name of a dedicated HTTP Basic credential for a metrics scraper; not a chat account, and it
 *     opens only the actuator endpoints. Unset (the default): no scrape credential
 * @param scrapePassword its password (at least 16 characters); set both or neither
 */
@ConfigurationProperties("chat.ops")
record OpsProperties(@DefaultValue List<String> users, String scrapeUsername, String scrapePassword) {

    static final int MIN_SCRAPE_PASSWORD = 16;

    OpsProperties {
        boolean name = scrapeUsername != null && !scrapeUsername.isBlank();
        boolean password = scrapePassword != null && !scrapePassword.isEmpty();
        if (name != password) {
            throw new IllegalArgumentException("chat.ops.scrape-username and chat.ops.scrape-password go together: set both or neither");
        }
        if (password && scrapePassword.length() < MIN_SCRAPE_PASSWORD) {
            throw new IllegalArgumentException("chat.ops.scrape-password must be at least " + MIN_SCRAPE_PASSWORD + " characters");
        }
        users = List.copyOf(users);
    }

    boolean scrapeCredentialSet() {
        return scrapeUsername != null && !scrapeUsername.isBlank();
    }
}

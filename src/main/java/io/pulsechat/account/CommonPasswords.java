package io.pulsechat.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The 10,000 most common passwords ({@code security/common-passwords.txt}; source and licence in its header and the
 * README), compared without regard to case: {@code Password1} is as guessable as {@code password1}.
 */
@Component
class CommonPasswords {

    static final String RESOURCE = "/security/common-passwords.txt";

    private final Set<String> passwords;

    CommonPasswords() {
        var stream = CommonPasswords.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        Set<String> loaded = new HashSet<>(16_384);
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    loaded.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.passwords = Set.copyOf(loaded);
    }

    boolean contains(String password) {
        return passwords.contains(password.toLowerCase(Locale.ROOT));
    }

    int size() {
        return passwords.size();
    }
}

package io.pulsechat.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The browser's copy of the protocol's numbers ({@code frontend/src/protocol-constants.js}) is checked against the
 * Java enums, so the two cannot drift: every request and frame type, close code and what the client does after it,
 * error code and whether the client sends the request again.
 */
class ProtocolConstantsTest {

    static final Path FILE = Path.of("frontend", "src", "protocol-constants.js");

    /** The entries of {@code export const NAME = Object.freeze({...});} as written, keys and values unquoted. */
    static Map<String, String> exported(String source, String name) {
        Matcher m = Pattern.compile("export const " + name + " = Object\\.freeze\\(\\{([^}]*)}\\);").matcher(source);
        assertThat(m.find()).as("export const %s in %s", name, FILE).isTrue();
        Map<String, String> entries = new LinkedHashMap<>();
        for (String pair : m.group(1).split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split(":", 2);
            entries.put(unquote(kv[0]), unquote(kv[1]));
        }
        return entries;
    }

    static String unquote(String s) {
        return s.strip().replaceAll("^'(.*)'$", "$1");
    }

    @Test
    void theBrowsersConstantsAreTheServers() throws IOException {
        String js = Files.readString(FILE);
        assertThat(exported(js, "REQ")).isEqualTo(Arrays.stream(ReqType.values())
                .collect(Collectors.toMap(Enum::name, t -> String.valueOf(t.code()), (a, b) -> a, LinkedHashMap::new)));
        assertThat(exported(js, "RESP")).isEqualTo(Arrays.stream(RespType.values())
                .collect(Collectors.toMap(Enum::name, t -> String.valueOf(t.code()), (a, b) -> a, LinkedHashMap::new)));
        assertThat(exported(js, "CLOSE")).isEqualTo(Arrays.stream(CloseCode.values())
                .collect(Collectors.toMap(Enum::name, c -> String.valueOf(c.code()), (a, b) -> a, LinkedHashMap::new)));
        assertThat(exported(js, "CLOSE_ACTION")).isEqualTo(Arrays.stream(CloseCode.values())
                .collect(Collectors.toMap(c -> String.valueOf(c.code()), c -> c.action().name().toLowerCase(), (a, b) -> a,
                        LinkedHashMap::new)));
        assertThat(exported(js, "ERROR")).isEqualTo(Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(Enum::name, ErrorCode::wire, (a, b) -> a, LinkedHashMap::new)));
        assertThat(exported(js, "ERROR_RETRY")).isEqualTo(Arrays.stream(ErrorCode.values()).filter(ErrorCode::temporary)
                .collect(Collectors.toMap(ErrorCode::wire, e -> "true", (a, b) -> a, LinkedHashMap::new)));
    }
}

package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.pulsechat.ExternalTool;

/** Runs the browser client's unit tests ({@code node --test frontend/test/}) as part of {@code ./mvnw verify}. */
class FrontendUnitTest {

    @Test
    void nodeTestsOfTheBrowserClientPass() throws Exception {
        Path node = ExternalTool.require("Node.js", "install it (apt-get install -y nodejs) to run the browser client's unit tests",
                "node", "nodejs");
        Process process = new ProcessBuilder(node.toString(), "--test", "frontend/test/")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("# pass [1-9]");
        assertThat(output).contains("# fail 0").contains("# cancelled 0");
    }
}

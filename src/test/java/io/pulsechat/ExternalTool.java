package io.pulsechat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * Programs Maven cannot bring (Node, Chromium, chromedriver). When one is missing, a test that needs it is
 * skipped with a message naming it; under {@code CI=true} (as .ci/run runs) it fails instead.
 */
public final class ExternalTool {

    private ExternalTool() {
    }

    /** The first executable found on the PATH or at one of the absolute paths given. */
    public static Optional<Path> find(String... names) {
        for (String name : names) {
            if (name.startsWith("/")) {
                Path path = Path.of(name);
                if (Files.isExecutable(path)) {
                    return Optional.of(path);
                }
                continue;
            }
            String pathVariable = System.getenv().getOrDefault("PATH", "");
            Optional<Path> found = Arrays.stream(pathVariable.split(File.pathSeparator))
                    .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The program, or a skip (a failure under CI=true) naming what to install. */
    public static Path require(String what, String installHint, String... names) {
        Optional<Path> found = find(names);
        if (found.isEmpty()) {
            String message = what + " not found (" + String.join(", ", names) + "): " + installHint;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true: this test must run)");
            }
            Assumptions.abort(message);
        }
        return found.get();
    }
}

package io.github.gmecallback.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's {@code chromium} and {@code chromedriver}, which the browser tests drive, and the
 * condition they run under ({@code @ExtendWith(Chromium.class)}): where either is missing a
 * local run skips the class, and the build's summary counts its tests as skipped, with the
 * reason; under {@code CI=true} ({@code .ci/run} installs both) the class runs, and fails saying
 * what is missing.
 */
public final class Chromium implements ExecutionCondition {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** Whether both are installed. */
    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** Fails the calling test class, under {@code CI=true}, when they are missing. */
    static void require() {
        if (!installed()) {
            throw new AssertionError(BROWSER + " and " + DRIVER + " are required under CI=true "
                    + "(.ci/run installs them: apt-get install chromium chromium-driver)");
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (installed() || "true".equals(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver are installed, or CI=true requires them");
        }
        return ConditionEvaluationResult.disabled(BROWSER + " or " + DRIVER + " is not installed "
                + "(apt-get install chromium chromium-driver includes this test)");
    }
}

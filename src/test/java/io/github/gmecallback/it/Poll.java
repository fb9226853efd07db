package io.github.gmecallback.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests by polling a signal that proves the work is over, never by a fixed sleep.
 */
public final class Poll {

    private Poll() {
    }

    /**
     * Polls every 100 ms until the condition holds.
     *
     * @param what      what is awaited, for the failure
     * @param timeout   how long at most
     * @param condition the signal
     * @throws AssertionError when the time ran out
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}

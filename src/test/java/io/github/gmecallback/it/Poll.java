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

    /** A condition whose reading may throw: a query, a request. */
    @FunctionalInterface
    public interface Check {

        boolean holds() throws Exception;
    }

    /**
     * A condition whose reading may throw, for {@link #until} and {@link #holds}: what it throws
     * fails the test at once.
     *
     * @param check the condition
     * @return whether it holds
     */
    public static boolean quietly(Check check) {
        try {
            return check.holds();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Polls every 100 ms for a whole window, failing as soon as the condition no longer holds: a
     * negative check ("nothing was dispatched"), whose window is what the code under test needs
     * to have acted had it been going to (a sweep period, say), not a guess.
     *
     * @param what      what must hold, for the failure
     * @param window    how long it must hold
     * @param condition the signal
     * @throws AssertionError the moment it does not
     */
    public static void holds(String what, Duration window, BooleanSupplier condition) {
        long end = System.nanoTime() + window.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while checking " + what, e);
            }
        } while (System.nanoTime() < end);
    }
}

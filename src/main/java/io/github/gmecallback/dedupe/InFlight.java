package io.github.gmecallback.dedupe;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a copy of a callback that this server is processing right now. */
final class InFlight {

    private InFlight() {
    }

    /**
     * Waits for the copy's outcome until the deadline.
     *
     * @param copy          completes with {@code true} when the copy was processed, {@code false}
     *                      when it failed
     * @param deadlineNanos the {@link System#nanoTime()} to give up at
     * @return {@code DUPLICATE} if it was processed, {@code BUSY} if the wait ran out, or empty
     *         if it failed and the callback is to be claimed anew
     */
    static Optional<Claim.Outcome> await(CompletableFuture<Boolean> copy, long deadlineNanos) {
        try {
            return copy.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)
                    ? Optional.of(Claim.Outcome.DUPLICATE) : Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of(Claim.Outcome.BUSY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(Claim.Outcome.BUSY);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an in-flight outcome never fails", e);
        }
    }
}

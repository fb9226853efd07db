package io.github.gmecallback.journal;

import java.time.Instant;

/**
 * Whether {@code inbox} delivery dispatches: an operator can pause it for the whole cluster (say,
 * while the database an observer writes to is being migrated) and resume it. While paused,
 * callbacks are still accepted and journaled {@link Outcome#PENDING}; none is dispatched until
 * it resumes.
 *
 * @param paused  whether dispatch is paused
 * @param changed when it was last paused or resumed (the database's clock); {@code null} if never
 * @param by      who did it (the operator's name); {@code null} if never
 */
public record DispatchState(boolean paused, Instant changed, String by) {

    /** Dispatching, never paused: also the state of {@code sync} delivery, which cannot pause. */
    public static final DispatchState RUNNING = new DispatchState(false, null, null);
}

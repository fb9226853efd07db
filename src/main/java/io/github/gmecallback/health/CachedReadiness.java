package io.github.gmecallback.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The receiver's readiness as last probed, so that a check costs no database round trip: a load
 * balancer, or anyone who reaches the unauthenticated health endpoint, may call it as often as it
 * likes, and the stores see one probe at a time.
 *
 * <p>The first call waits for the first probe. After that every call answers the last verdict at
 * once; a call that finds it older than {@link #FRESH_FOR} also starts a probe, on the executor,
 * unless one is already running. So at most one probe runs at a time, whatever the request rate,
 * and a database that hangs holds one executor thread, never the health endpoint's callers.
 */
final class CachedReadiness {

    /** How long a verdict is answered without a new probe. */
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final Supplier<Verdict> probe;
    private final Executor executor;
    private final LongSupplier nanoTime;
    private Verdict last;
    private long probedAt;
    private CompletableFuture<Verdict> probing;

    /**
     * A readiness probed on demand.
     *
     * @param probe    probes the stores; it is never called twice at once
     * @param executor where a stale verdict is probed again (the server's managed executor); a
     *                 caller whose executor refuses probes on its own thread
     * @param nanoTime the time, in {@link System#nanoTime()}'s terms
     */
    CachedReadiness(Supplier<Verdict> probe, Executor executor, LongSupplier nanoTime) {
        this.probe = probe;
        this.executor = executor;
        this.nanoTime = nanoTime;
    }

    /**
     * The readiness: the last verdict, or the first one once it is probed.
     *
     * @return the verdict
     */
    Verdict current() {
        Verdict known;
        CompletableFuture<Verdict> next;
        boolean start;
        synchronized (this) {
            known = last;
            start = probing == null && (known == null || nanoTime.getAsLong() - probedAt >= FRESH_FOR.toNanos());
            if (start) {
                probing = new CompletableFuture<>();
            }
            next = probing;
        }
        if (known == null) {
            if (start) {
                probe(next); // nothing is known yet: this call probes, and concurrent ones wait for it
            }
            return next.join();
        }
        if (start) {
            try {
                executor.execute(() -> probe(next));
            } catch (RejectedExecutionException e) {
                probe(next);
            }
        }
        // Answered fresh where the probe ran on this thread (an executor that refused, or runs inline).
        return next == null ? known : next.getNow(known);
    }

    private void probe(CompletableFuture<Verdict> result) {
        Verdict verdict;
        try {
            verdict = probe.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "readiness: the probe of the stores failed", e);
            verdict = Verdict.down("the stores could not be probed (the server log says why)");
        }
        synchronized (this) {
            last = verdict;
            probedAt = nanoTime.getAsLong();
            probing = null;
        }
        result.complete(verdict);
    }
}

package io.github.gmecallback.delivery;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An executor for work that must never crowd out delivery: it runs its tasks one at a time on
 * the server's managed executor (so it holds at most one of that executor's threads), queues at
 * most {@code capacity} of them, and drops the rest, counted, instead of growing or throwing.
 *
 * <p>Events that come in bursts run in lanes of their own: {@code CallbackRejected} (refusals
 * come as fast as anyone can send unsigned requests) and {@code RecordingFileOverdue} (a sweep
 * after an outage of GME's callbacks finds thousands of files at once). Their observers may be
 * slow (an alert sent by mail, say): on the executor that dispatches the inbox, a burst would
 * hold every thread and delay each dispatch past its lease. Here a burst costs one thread, and
 * what does not fit in the queue loses its event, never a callback.
 */
final class BoundedLane implements Executor {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;

    private final String what;
    private final String dropCost;
    private final Executor executor;
    private final int capacity;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private boolean running;
    private long lastWarning = System.nanoTime() - WARNING_INTERVAL_NANOS;

    /**
     * A lane on an executor.
     *
     * @param what     what runs in it, for the WARNING when some of it is dropped
     * @param dropCost what a dropped task costs, for that WARNING
     * @param executor where its tasks run, one at a time
     * @param capacity how many tasks wait at most
     */
    BoundedLane(String what, String dropCost, Executor executor, int capacity) {
        this.what = what;
        this.dropCost = dropCost;
        this.executor = executor;
        this.capacity = capacity;
    }

    /** Queues a task, or drops it when the queue is full; never throws. */
    @Override
    public void execute(Runnable task) {
        boolean full;
        boolean start = false;
        synchronized (this) {
            full = queue.size() >= capacity;
            if (!full) {
                queue.add(task);
                start = !running;
                running = true;
            }
        }
        if (full) {
            drop(1);
        } else if (start) {
            startDraining();
        }
    }

    /**
     * How many tasks were dropped so far.
     *
     * @return the count
     */
    long dropped() {
        return dropped.get();
    }

    private void startDraining() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The server's executor is full or shutting down: what waits here is dropped.
            int lost;
            synchronized (this) {
                lost = queue.size();
                queue.clear();
                running = false;
            }
            drop(lost);
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = queue.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a task of " + what + " failed", e);
            }
        }
    }

    private void drop(int count) {
        long total = dropped.addAndGet(count);
        boolean warn;
        synchronized (this) {
            long now = System.nanoTime();
            warn = now - lastWarning >= WARNING_INTERVAL_NANOS;
            if (warn) {
                lastWarning = now;
            }
        }
        if (warn) {
            LOG.warning(() -> total + " " + what + " dropped so far: their observers are slower than they "
                    + "come (at most " + capacity + " wait); " + dropCost);
        }
    }
}

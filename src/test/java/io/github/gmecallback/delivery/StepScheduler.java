package io.github.gmecallback.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduled executor a test steps by hand: nothing runs until {@link #tick()}, which runs every
 * periodic task once and every task scheduled once, whatever its delay (what is due is the
 * database's business, by the test's clock).
 */
final class StepScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final List<Task> tasks = new ArrayList<>();

    /** Runs what is scheduled: each periodic task once, and each one-off task. */
    void tick() {
        List<Task> now;
        synchronized (tasks) {
            now = List.copyOf(tasks);
            tasks.removeIf(task -> !task.periodic);
        }
        for (Task task : now) {
            if (!task.cancelled) {
                task.command.run();
            }
        }
    }

    /** The periodic tasks not cancelled: a sweep, a heartbeat. */
    long periodic() {
        synchronized (tasks) {
            return tasks.stream().filter(task -> task.periodic && !task.cancelled).count();
        }
    }

    private ScheduledFuture<?> add(Runnable command, boolean periodic) {
        Task task = new Task(command, periodic);
        synchronized (tasks) {
            tasks.add(task);
        }
        return task;
    }

    @Override
    public void execute(Runnable command) {
        add(command, false);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, false);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, true);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, true);
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private static final class Task implements ScheduledFuture<Object> {

        final Runnable command;
        final boolean periodic;
        volatile boolean cancelled;

        Task(Runnable command, boolean periodic) {
            this.command = command;
            this.periodic = periodic;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return 0;
        }
    }
}

package io.github.gmecallback.delivery;

import io.github.gmecallback.recording.CallbackDeadLettered;
import io.github.gmecallback.recording.CallbackRejected;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingCompleted;
import io.github.gmecallback.recording.RecordingFileOverdue;
import io.github.gmecallback.recording.RecordingStarted;
import io.github.gmecallback.recording.UploadCompleted;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires callbacks, refusals and dead letters to the application's observers.
 *
 * <p>First synchronously, with the qualifier of its event type ({@code @RecordingStarted},
 * {@code @RecordingCompleted}, {@code @UploadCompleted}; none for an unknown type), so an
 * observer that throws makes the request fail and GME retry. Then, once every synchronous
 * observer returned, asynchronously on the server's default managed executor, so slow work
 * does not hold GME's request; an asynchronous failure is logged. {@code CallbackRejected} and
 * {@code RecordingFileOverdue} observers each run in a {@link BoundedLane} of their own, so that a
 * flood of refused requests, or a sweep that finds thousands of files overdue after an outage,
 * holds one of the executor's threads at most, never those that deliver callbacks.
 *
 * <p>Events are fired through the bean manager of the web module that hosts the endpoint, not
 * through the one of the receiver's own jar: where the jar sits in an EAR's {@code lib/}, a
 * CDI container may resolve observers only among the archives the firing one can see, and a
 * {@code lib/} jar sees neither EJB jars nor web modules, while the hosting module sees both.
 */
public final class CallbackEvents {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    /** {@code CallbackRejected} events that wait at most for their observers; past that, dropped. */
    static final int REFUSALS_WAITING = 1000;
    /**
     * {@code RecordingFileOverdue} events that wait at most for their observers; past that, dropped.
     * A whole sweep fits: it marks at most 1 000 files per state.
     */
    static final int OVERDUE_WAITING = 2000;

    private final Event<RecordingCallback> any;
    private final Event<RecordingCallback> started;
    private final Event<RecordingCallback> completed;
    private final Event<RecordingCallback> uploaded;
    private final Event<CallbackRejected> rejected;
    private final Event<CallbackDeadLettered> deadLettered;
    private final Event<RecordingFileOverdue> overdue;
    private final NotificationOptions async;
    private final BoundedLane refusals;
    private final NotificationOptions inRefusalLane;
    private final BoundedLane overdueFiles;
    private final NotificationOptions inOverdueLane;
    private final Instance<RequestContextController> requestContexts;

    /**
     * Events fired through a module's bean manager.
     *
     * @param beanManager the bean manager of the web module that hosts the endpoint
     * @param executor    where asynchronous observers run: the server's managed executor; or
     *                    {@code null} for the CDI container's own
     */
    public CallbackEvents(BeanManager beanManager, Executor executor) {
        Event<Object> events = beanManager.getEvent();
        this.any = events.select(RecordingCallback.class);
        this.started = any.select(RecordingStarted.Literal.INSTANCE);
        this.completed = any.select(RecordingCompleted.Literal.INSTANCE);
        this.uploaded = any.select(UploadCompleted.Literal.INSTANCE);
        this.rejected = events.select(CallbackRejected.class);
        this.deadLettered = events.select(CallbackDeadLettered.class);
        this.overdue = events.select(RecordingFileOverdue.class);
        this.async = executor == null ? NotificationOptions.builder().build() : NotificationOptions.ofExecutor(executor);
        Executor lanes = executor == null ? ForkJoinPool.commonPool() : executor;
        this.refusals = new BoundedLane("CallbackRejected events", "callbacks are not affected", lanes,
                REFUSALS_WAITING);
        this.inRefusalLane = NotificationOptions.ofExecutor(refusals);
        this.overdueFiles = new BoundedLane("RecordingFileOverdue events", "their files stay marked overdue in the "
                + "recording ledger (the console's Overdue page, RecordingLedger.overdue()), and no later sweep "
                + "fires them again", lanes, OVERDUE_WAITING);
        this.inOverdueLane = NotificationOptions.ofExecutor(overdueFiles);
        this.requestContexts = beanManager.createInstance().select(RequestContextController.class);
    }

    /**
     * Fires a callback to the synchronous observers.
     *
     * @param callback the verified, bound callback
     * @throws RuntimeException whatever a synchronous observer threw (CDI wraps checked
     *                          exceptions in {@code ObserverException})
     */
    public void fireSync(RecordingCallback callback) {
        eventFor(callback).fire(callback);
    }

    /**
     * Fires a callback to the asynchronous observers; their failures are logged.
     *
     * @param callback a callback every synchronous observer accepted
     */
    public void fireAsync(RecordingCallback callback) {
        fireAsync(eventFor(callback), callback, async, () -> "TaskID " + callback.taskId() + " (EventType "
                + callback.eventType() + ")");
    }

    /**
     * Tells the application's asynchronous observers of a refused request.
     *
     * @param rejected the refusal
     */
    public void rejected(CallbackRejected rejected) {
        fireAsync(this.rejected, rejected, inRefusalLane, () -> "a CallbackRejected");
    }

    /**
     * Tells the application's asynchronous observers of an {@code inbox} entry given up on.
     *
     * @param dead the dead entry
     */
    public void deadLettered(CallbackDeadLettered dead) {
        fireAsync(deadLettered, dead, async, () -> "the CallbackDeadLettered of entry " + dead.entryId());
    }

    /**
     * Tells the application's asynchronous observers of a recording file found overdue, in the lane
     * of overdue events: one at a time, at most {@value #OVERDUE_WAITING} waiting. Past that the
     * event is dropped for good (a WARNING a minute counts the drops): the file was marked in the
     * ledger before, and stays marked, so it is still listed as overdue, but no later sweep fires
     * its event again.
     *
     * @param late the overdue file
     */
    public void overdue(RecordingFileOverdue late) {
        fireAsync(overdue, late, inOverdueLane, () -> "the RecordingFileOverdue of TaskID " + late.file().taskId());
    }

    /**
     * How many {@code CallbackRejected} events were dropped because their observers fell behind.
     *
     * @return the count since start
     */
    public long refusalsDropped() {
        return refusals.dropped();
    }

    /**
     * How many {@code RecordingFileOverdue} events were dropped because their observers fell behind.
     *
     * @return the count since start
     */
    public long overdueDropped() {
        return overdueFiles.dropped();
    }

    /**
     * Fires an event asynchronously, and never throws: it runs after the commit (or the answer),
     * where nothing may undo what is done. An executor that refuses the work (a bounded queue
     * that is full, a server shutting down) costs the event, logged, and nothing else.
     */
    private static <T> void fireAsync(Event<T> event, T payload, NotificationOptions options, Supplier<String> what) {
        try {
            event.fireAsync(payload, options).exceptionally(failure -> {
                LOG.log(Level.WARNING, failure, () -> "an asynchronous observer failed for " + what.get());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "the asynchronous observers of " + what.get() + " were not notified: "
                    + e);
        }
    }

    /**
     * Runs work with CDI's request context active, as observers find it on a servlet request:
     * for dispatches on an executor's thread, where no request is.
     *
     * @param work what to run
     */
    public void inRequestContext(Runnable work) {
        RequestContextController controller = requestContexts.get();
        boolean activated = controller.activate();
        try {
            work.run();
        } finally {
            if (activated) {
                controller.deactivate();
            }
            requestContexts.destroy(controller);
        }
    }

    private Event<RecordingCallback> eventFor(RecordingCallback callback) {
        return switch (callback.type()) {
            case RECORDING_STARTED -> started;
            case RECORDING_COMPLETED -> completed;
            case UPLOAD_COMPLETED -> uploaded;
            case UNKNOWN -> any;
        };
    }
}

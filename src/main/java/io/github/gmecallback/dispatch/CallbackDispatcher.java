package io.github.gmecallback.dispatch;

import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingCompleted;
import io.github.gmecallback.recording.RecordingStarted;
import io.github.gmecallback.recording.UploadCompleted;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Delivers an accepted callback to the application's observers.
 *
 * <p>First synchronously, with the qualifier of its event type ({@code @RecordingStarted},
 * {@code @RecordingCompleted}, {@code @UploadCompleted}; none for an unknown type), so an
 * observer that throws makes the request fail and GME retry. Then, once every synchronous
 * observer returned, asynchronously on the server's default managed executor, so slow work
 * does not hold GME's request; an asynchronous failure is logged.
 */
@ApplicationScoped
public class CallbackDispatcher {

    private static final Logger LOG = Logger.getLogger(CallbackDispatcher.class.getName());

    /** The executor Jakarta Concurrency gives every application. */
    static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    @Inject
    Event<RecordingCallback> events;

    private Event<RecordingCallback> started;
    private Event<RecordingCallback> completed;
    private Event<RecordingCallback> uploaded;
    private NotificationOptions async;

    @PostConstruct
    void prepare() {
        started = events.select(RecordingStarted.Literal.INSTANCE);
        completed = events.select(RecordingCompleted.Literal.INSTANCE);
        uploaded = events.select(UploadCompleted.Literal.INSTANCE);
        async = asyncOptions();
    }

    /**
     * Fires a callback to the synchronous observers, and when they all returned, to the
     * asynchronous ones.
     *
     * @param callback the verified, bound callback
     * @throws RuntimeException whatever a synchronous observer threw (CDI wraps checked
     *                          exceptions in {@code ObserverException})
     */
    public void dispatch(RecordingCallback callback) {
        Event<RecordingCallback> event = switch (callback.type()) {
            case RECORDING_STARTED -> started;
            case RECORDING_COMPLETED -> completed;
            case UPLOAD_COMPLETED -> uploaded;
            case UNKNOWN -> events;
        };
        event.fire(callback);
        CallbackLog.accepted(callback);
        CompletionStage<RecordingCallback> done = event.fireAsync(callback, async);
        done.exceptionally(failure -> {
            LOG.log(Level.WARNING, failure, () -> "an asynchronous observer failed for TaskID "
                    + callback.taskId() + " (EventType " + callback.eventType() + ")");
            return null;
        });
    }

    private static NotificationOptions asyncOptions() {
        try {
            ManagedExecutorService executor = InitialContext.doLookup(DEFAULT_EXECUTOR);
            return NotificationOptions.ofExecutor(executor);
        } catch (NamingException e) {
            // A server provisioned without Jakarta Concurrency: CDI's own executor still works.
            LOG.warning(() -> DEFAULT_EXECUTOR + " is not available; asynchronous observers run on "
                    + "the CDI container's default executor (add the ee-concurrency layer on WildFly)");
            return NotificationOptions.builder().build();
        }
    }
}

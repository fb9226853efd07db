package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.recording.CallbackRejected;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileOverdue;
import io.github.gmecallback.recording.RecordingFileState;
import io.github.gmecallback.recording.RefusalReason;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What asynchronous events do when the executor refuses them or is busy: they run after a commit
 * (or the answer), where a throw would turn a processed callback into a 500, and they share the
 * server's executor with inbox dispatch, which they must not crowd out.
 */
class CallbackEventsTest {

    private static final RecordingCallback CALLBACK = new RecordingCallback(1400000000L, "100", "999", 1,
            1_700_000_000L, 446946705284000000L, 3, new RecordingDetail(0, "a.mp3"));

    /** A bean manager whose every event's {@code fireAsync} is answered by {@code fireAsync}. */
    private static BeanManager firing(InvocationHandler fireAsync) {
        Event<?> event = (Event<?>) Proxy.newProxyInstance(Event.class.getClassLoader(), new Class<?>[] {Event.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "select" -> proxy;
                    case "fireAsync" -> fireAsync.invoke(proxy, method, args);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Instance<?> instances = (Instance<?>) Proxy.newProxyInstance(Instance.class.getClassLoader(),
                new Class<?>[] {Instance.class}, (proxy, method, args) -> proxy);
        return (BeanManager) Proxy.newProxyInstance(BeanManager.class.getClassLoader(),
                new Class<?>[] {BeanManager.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getEvent" -> event;
                    case "createInstance" -> instances;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A bean manager whose events are refused as a full, bounded executor refuses them. */
    private static BeanManager refusingEverything(AtomicInteger fired) {
        return firing((proxy, method, args) -> {
            fired.incrementAndGet();
            throw new RejectedExecutionException("the executor's queue is full");
        });
    }

    /** A bean manager that runs one observer of every event on the executor its options name, as CDI does. */
    private static BeanManager observedBy(Consumer<Object> observer) {
        return firing((proxy, method, args) -> {
            NotificationOptions options = (NotificationOptions) args[1];
            return CompletableFuture.runAsync(() -> observer.accept(args[0]), options.getExecutor());
        });
    }

    private static RecordingFileOverdue overdue(long taskId) {
        Instant since = Instant.parse("2026-01-01T00:00:00Z");
        RecordingFile file = new RecordingFile(1400000000L, taskId, 0, "u1", 1, "room", "a.mp3", since, null, null,
                RecordingFileState.RECORDING, since, since.plusSeconds(9000));
        return new RecordingFileOverdue(file, RecordingFileState.RECORDING, since, Duration.ofSeconds(9000));
    }

    @Test
    void anExecutorThatRefusesCostsTheEventNeverAThrowAfterTheCommit() {
        AtomicInteger fired = new AtomicInteger();
        CallbackEvents events = new CallbackEvents(refusingEverything(fired), Runnable::run);
        assertDoesNotThrow(() -> events.fireAsync(CALLBACK));
        assertDoesNotThrow(() -> events.rejected(new CallbackRejected(Instant.now(), RefusalReason.SIGNATURE_MISSING,
                401, "10.0.0.1", OptionalLong.empty())));
        assertDoesNotThrow(() -> events.overdue(overdue(1)));
        assertEquals(3, fired.get());
    }

    @Test
    void aBurstOfOverdueFilesWithStuckObserversLeavesTheExecutorToCallbacksAndDropsWhatDoesNotFit()
            throws Exception {
        ExecutorService server = Executors.newFixedThreadPool(4);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger overdueSeen = new AtomicInteger();
        CountDownLatch callbacksSeen = new CountDownLatch(3);
        try {
            CallbackEvents events = new CallbackEvents(observedBy(payload -> {
                if (payload instanceof RecordingFileOverdue) {
                    overdueSeen.incrementAndGet();
                    try {
                        gate.await(10, TimeUnit.SECONDS); // an alert to a pager that does not answer
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    callbacksSeen.countDown();
                }
            }), server);
            int burst = 2 * CallbackEvents.OVERDUE_WAITING + 500;
            for (int task = 0; task < burst; task++) {
                events.overdue(overdue(task));
            }
            for (int i = 0; i < 3; i++) {
                events.fireAsync(CALLBACK);
            }
            assertTrue(callbacksSeen.await(5, TimeUnit.SECONDS),
                    "the callbacks' observers ran while the overdue ones were stuck");
            assertEquals(1, overdueSeen.get(), "the overdue events held one thread of the executor");
            assertTrue(events.overdueDropped() >= burst - CallbackEvents.OVERDUE_WAITING - 1,
                    "at most " + CallbackEvents.OVERDUE_WAITING + " waited, the rest counted as dropped: "
                            + events.overdueDropped());
        } finally {
            gate.countDown();
            server.shutdownNow();
        }
    }
}

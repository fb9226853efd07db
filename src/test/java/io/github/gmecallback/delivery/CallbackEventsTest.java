package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.recording.CallbackRejected;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import io.github.gmecallback.recording.RefusalReason;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What asynchronous events do when the executor refuses them: they run after a commit (or the
 * answer), where a throw would turn a processed callback into a 500.
 */
class CallbackEventsTest {

    /** A bean manager whose events are refused as a full, bounded executor refuses them. */
    private static BeanManager refusingEverything(AtomicInteger fired) {
        Event<?> event = (Event<?>) Proxy.newProxyInstance(Event.class.getClassLoader(), new Class<?>[] {Event.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "select" -> proxy;
                    case "fireAsync" -> {
                        fired.incrementAndGet();
                        throw new RejectedExecutionException("the executor's queue is full");
                    }
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

    @Test
    void anExecutorThatRefusesCostsTheEventNeverAThrowAfterTheCommit() {
        AtomicInteger fired = new AtomicInteger();
        CallbackEvents events = new CallbackEvents(refusingEverything(fired), Runnable::run);
        RecordingCallback callback = new RecordingCallback(1400000000L, "100", "999", 1, 1_700_000_000L,
                446946705284000000L, 3, new RecordingDetail(0, "a.mp3"));
        assertDoesNotThrow(() -> events.fireAsync(callback));
        assertDoesNotThrow(() -> events.rejected(new CallbackRejected(Instant.now(), RefusalReason.SIGNATURE_MISSING,
                401, "10.0.0.1", OptionalLong.empty())));
        assertEquals(2, fired.get());
    }
}

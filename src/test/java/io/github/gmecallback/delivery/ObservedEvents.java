package io.github.gmecallback.delivery;

import io.github.gmecallback.recording.RecordingCallback;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application's observers as a test sees them: a bean manager whose events are noted instead
 * of delivered, synchronous ones apart from asynchronous ones (dead letters among them). A
 * synchronous observer fails for the TaskIDs in {@link #failing}.
 */
final class ObservedEvents {

    /** What the synchronous observers were fired, oldest first. */
    final List<Object> sync = new CopyOnWriteArrayList<>();
    /** What the asynchronous observers were fired, oldest first. */
    final List<Object> async = new CopyOnWriteArrayList<>();
    /** The TaskIDs whose synchronous observer throws. */
    final Set<Long> failing = ConcurrentHashMap.newKeySet();

    /** The events, asynchronous ones fired on the calling thread. */
    CallbackEvents events() {
        return new CallbackEvents(beanManager(), Runnable::run);
    }

    /** The TaskIDs of the callbacks the synchronous observers saw, in order. */
    List<Long> syncTasks() {
        return sync.stream().map(event -> ((RecordingCallback) event).taskId()).toList();
    }

    private BeanManager beanManager() {
        Event<?> event = (Event<?>) Proxy.newProxyInstance(Event.class.getClassLoader(), new Class<?>[] {Event.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "select" -> proxy;
                    case "fire" -> {
                        sync.add(args[0]);
                        if (args[0] instanceof RecordingCallback callback && failing.contains(callback.taskId())) {
                            throw new IllegalStateException("test observer fails on purpose");
                        }
                        yield null;
                    }
                    case "fireAsync" -> {
                        async.add(args[0]);
                        yield CompletableFuture.completedFuture(args[0]);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        RequestContextController context = (RequestContextController) Proxy.newProxyInstance(
                RequestContextController.class.getClassLoader(), new Class<?>[] {RequestContextController.class},
                (proxy, method, args) -> method.getName().equals("activate") ? Boolean.FALSE : null);
        Instance<?> contexts = (Instance<?>) Proxy.newProxyInstance(Instance.class.getClassLoader(),
                new Class<?>[] {Instance.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> context;
                    case "destroy" -> null;
                    default -> proxy;
                });
        return (BeanManager) Proxy.newProxyInstance(BeanManager.class.getClassLoader(),
                new Class<?>[] {BeanManager.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getEvent" -> event;
                    case "createInstance" -> contexts;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

package io.github.gmecallback.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.delivery.Delivery;
import io.github.gmecallback.journal.DispatchState;
import io.github.gmecallback.journal.Journal;
import io.github.gmecallback.ledger.LedgerStore;
import io.github.gmecallback.receiver.Receiver;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The readiness check as a load balancer calls it, many times at once: the stores are probed once
 * for them all, and what it answers names nobody.
 */
class ReceiverReadinessTest {

    private static final int CALLS = 16;
    private static final Instant PAUSED_AT = Instant.parse("2026-12-07T19:58:50Z");

    /** One of the receiver's stores, counting the probes it answers and how many run at once. */
    static final class ProbedStore {
        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        /** A store of the interface whose method {@code probe} answers slowly, counted. */
        <T> T as(Class<T> type, String probe, Object answer) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        if (!method.getName().equals(probe)) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        probes.incrementAndGet();
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        Thread.sleep(50); // a round trip to the database
                        running.decrementAndGet();
                        return answer;
                    }));
        }
    }

    private final ProbedStore dedupe = new ProbedStore();
    private final ProbedStore ledger = new ProbedStore();
    private final ProbedStore dispatch = new ProbedStore();

    /** A response builder where no server provides one: the check's name, status and data. */
    @BeforeAll
    static void responsesAsTheServerBuildsThem() {
        HealthCheckResponse.setResponseProvider(() -> new HealthCheckResponseBuilder() {
            private String name;
            private boolean up;
            private final Map<String, Object> data = new LinkedHashMap<>();

            @Override
            public HealthCheckResponseBuilder name(String name) {
                this.name = name;
                return this;
            }

            @Override
            public HealthCheckResponseBuilder withData(String key, String value) {
                data.put(key, value);
                return this;
            }

            @Override
            public HealthCheckResponseBuilder withData(String key, long value) {
                data.put(key, value);
                return this;
            }

            @Override
            public HealthCheckResponseBuilder withData(String key, boolean value) {
                data.put(key, value);
                return this;
            }

            @Override
            public HealthCheckResponseBuilder up() {
                return status(true);
            }

            @Override
            public HealthCheckResponseBuilder down() {
                return status(false);
            }

            @Override
            public HealthCheckResponseBuilder status(boolean up) {
                this.up = up;
                return this;
            }

            @Override
            public HealthCheckResponse build() {
                return new HealthCheckResponse(name, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                        Optional.of(data));
            }
        });
    }

    /** A receiver with a key, whose dispatch an operator named alice paused. */
    private ReceiverReadiness readiness() {
        CallbackSettings settings = CallbackSettings.from(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(CallbackSettings.SECRET_KEY, "readiness-test-key"),
                        "test", 500)).build());
        DedupeStore dedupeStore = dedupe.as(DedupeStore.class, "ping", null);
        LedgerStore ledgerStore = ledger.as(LedgerStore.class, "ping", null);
        Delivery delivery = dispatch.as(Delivery.class, "dispatchState", new DispatchState(true, PAUSED_AT, "alice"));
        Journal journal = Journal.open(settings.journal(), null, Clock.systemUTC());
        ReceiverReadiness readiness = new ReceiverReadiness();
        readiness.receiver = new Receiver() {
            @Override
            public synchronized CallbackSettings settings() {
                return settings;
            }

            @Override
            public synchronized DedupeStore dedupe() {
                return dedupeStore;
            }

            @Override
            public synchronized Journal journal() {
                return journal;
            }

            @Override
            public synchronized LedgerStore ledger() {
                return ledgerStore;
            }

            @Override
            public synchronized Delivery delivery() {
                return delivery;
            }

            @Override
            public synchronized ManagedScheduledExecutorService scheduler() {
                return null;
            }
        };
        return readiness;
    }

    /** Calls the check from {@value #CALLS} threads at once. */
    private static List<HealthCheckResponse> atOnce(ReceiverReadiness readiness) throws Exception {
        ExecutorService balancers = Executors.newFixedThreadPool(CALLS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<HealthCheckResponse>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(() -> {
                    start.await();
                    return readiness.call();
                });
            }
            List<Future<HealthCheckResponse>> futures = new ArrayList<>();
            for (Callable<HealthCheckResponse> call : calls) {
                futures.add(balancers.submit(call));
            }
            start.countDown();
            List<HealthCheckResponse> responses = new ArrayList<>();
            for (Future<HealthCheckResponse> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            balancers.shutdownNow();
        }
    }

    @Test
    void concurrentCallsProbeEachStoreOnceAndAllAnswerUp() throws Exception {
        ReceiverReadiness readiness = readiness();
        List<HealthCheckResponse> responses = atOnce(readiness);
        for (HealthCheckResponse response : responses) {
            assertEquals(HealthCheckResponse.Status.UP, response.getStatus(), String.valueOf(response.getData()));
        }
        assertEquals(1, dedupe.probes.get(), CALLS + " calls at once probed the dedupe store once");
        assertEquals(1, ledger.probes.get(), CALLS + " calls at once probed the recording ledger once");
        assertEquals(1, dispatch.probes.get(), CALLS + " calls at once read the dispatch state once");
        atOnce(readiness);
        assertEquals(1, dedupe.probes.get(), "calls within seconds of the probe are answered from it");
    }

    @Test
    void aPauseIsShownWithItsTimeButNotWhoPausedIt() {
        HealthCheckResponse response = readiness().call();
        Map<String, Object> data = response.getData().orElseThrow();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus(), "paused is an operator's decision");
        assertEquals("paused", data.get("dispatch"));
        assertEquals(PAUSED_AT.toString(), data.get("dispatch-paused-since"));
        assertFalse(data.toString().contains("alice"), "an unauthenticated check names no user: " + data);
    }
}

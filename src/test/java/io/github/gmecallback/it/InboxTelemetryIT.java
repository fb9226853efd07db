package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.it.telemetry.Exported;
import io.github.gmecallback.it.telemetry.OtlpReceiver;
import io.github.gmecallback.it.telemetry.OtlpReceiver.ExportedSpan;
import io.github.gmecallback.it.telemetry.TracingObserver;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gauges and the dispatch spans of {@code inbox} delivery on PostgreSQL, read from what the
 * server exports (as {@link TelemetryIT} reads it): the pending and oldest-age gauges follow a
 * backlog held by a pause and drained by the resume; a dead entry counts once; a dispatch's span
 * links to the span of the request that accepted the callback, and the observer's span nests in
 * the dispatch's; the overdue gauge counts a file while it is overdue.
 */
@ArquillianTest
class InboxTelemetryIT {

    private static final String KEY = Secrets.key("inbox-telemetry-secret-key");
    private static final String SERVICE = "gme-inbox-telemetry-it";
    private static final OtlpReceiver OTLP = OtlpReceiver.started();
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 88_000_000 + System.nanoTime() % 1_000_000 * 100);


    @Deployment(name = "inbox", testable = false)
    static WebArchive inbox() throws Exception {
        // The ledger in memory: the overdue gauge counts this deployment's files only.
        return TestDatabase.consoleDeployment("gme-inbox-telemetry.war", TestDatabase.inbox(KEY,
                        "gme.callback.inbox.max-attempts=1", "gme.callback.recordings.store=memory",
                        "gme.callback.recordings.recording-timeout=2", "gme.callback.recordings.upload-timeout=2",
                        OTLP.settings(SERVICE)))
                .addClass(TracingObserver.class);
    }

    @BeforeAll
    static void aQuietInbox() throws Exception {
        TestDatabase.require(InboxTelemetryIT.class);
        // The journal's table is shared by every PostgreSQL test: entries other tests left pending
        // (with keys this deployment does not have) would be counted in the gauge too.
        execute("DELETE FROM gme_callback_journal WHERE outcome = 'PENDING'");
        paused(false);
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        paused(false);
        OTLP.close();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Pauses or resumes every server's dispatch, as the console does: the row the lease statements read. */
    private static void paused(boolean paused) throws SQLException {
        execute("UPDATE gme_callback_inbox_control SET paused = " + paused + ", changed_by = 'InboxTelemetryIT'");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-inbox-telemetry/" + path);
    }

    private static void send(long taskId, int eventType, String userId, String traceparent) {
        byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, eventType, userId));
        var answer = Http.post(uri("recording-callback"), body, CallbackSigner.base64(body, KEY), traceparent);
        assertEquals(200, answer.statusCode(), answer.body());
    }

    @Test
    void thePendingAndOldestAgeGaugesFollowABacklog() throws Exception {
        List<Long> tasks = List.of(TASKS.incrementAndGet(), TASKS.incrementAndGet(), TASKS.incrementAndGet());
        paused(true);
        try {
            for (long task : tasks) {
                send(task, 3, "backlog", null);
            }
            Poll.until("3 pending, the oldest waiting", Duration.ofSeconds(30), () -> {
                Exported now = Exported.now(OTLP, SERVICE);
                return now.inboxPending() == 3 && now.inboxOldestAge() >= 1;
            });
            double age = Exported.now(OTLP, SERVICE).inboxOldestAge();
            Poll.until("the oldest's age growing past " + age, Duration.ofSeconds(20),
                    () -> Exported.now(OTLP, SERVICE).inboxOldestAge() > age);
        } finally {
            paused(false);
        }
        double[] last = new double[2];
        try {
            Poll.until("the backlog drained", Duration.ofSeconds(30), () -> {
                Exported now = Exported.now(OTLP, SERVICE);
                last[0] = now.inboxPending();
                last[1] = now.inboxOldestAge();
                return last[0] == 0 && last[1] == 0;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": pending " + last[0] + ", oldest age " + last[1] + " s", e);
        }
        Observations observations = new Observations(uri("").toURL());
        for (long task : tasks) {
            assertTrue(observations.await(task, seen -> seen.contains("uploaded")).contains("uploaded"),
                    "dispatched after the resume: " + task);
        }
    }

    @Test
    void aDeadEntryCountsOnce() {
        double dead = Exported.settled(OTLP, SERVICE).inboxDead();
        send(TASKS.incrementAndGet(), 3, "throw", null);
        Poll.until("one more dead", Duration.ofSeconds(30), () -> Exported.now(OTLP, SERVICE).inboxDead() == dead + 1);
        assertEquals(dead + 1, Exported.settled(OTLP, SERVICE).inboxDead(), "and no more");
    }

    @Test
    void aDispatchsSpanLinksToTheAcceptingRequestsAndHoldsTheObserversSpan() {
        long task = TASKS.incrementAndGet();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736".substring(0, 16) + Long.toHexString(System.nanoTime() | 1L << 60);
        send(task, 3, "traced", "00-" + traceId + "-00f067aa0ba902b7-01");
        Poll.until("the request's, the dispatch's and the observer's spans", Duration.ofSeconds(30),
                () -> dispatch(task).isPresent() && observer(task).isPresent() && request(traceId).isPresent());
        ExportedSpan request = request(traceId).orElseThrow();
        ExportedSpan dispatch = dispatch(task).orElseThrow();
        ExportedSpan observer = observer(task).orElseThrow();
        assertEquals("00f067aa0ba902b7", request.parentSpanId(), "the request continues GME's trace");
        assertEquals("accepted", request.attributes().get("gme.callback.outcome"));
        assertEquals(List.of(request.spanId()), dispatch.linkedSpanIds(), "the dispatch links to its request");
        assertNotEquals(traceId, dispatch.traceId(), "a trace of its own");
        assertEquals("SPAN_KIND_CONSUMER", dispatch.kind());
        assertEquals("PROCESSED", dispatch.attributes().get("gme.callback.outcome"));
        assertEquals(dispatch.spanId(), observer.parentSpanId(), "the observer's span nests in the dispatch's");
        assertEquals(dispatch.traceId(), observer.traceId());
    }

    private static Optional<ExportedSpan> request(String traceId) {
        return OTLP.spans(SERVICE).stream().filter(span -> span.traceId().equals(traceId)
                && span.kind().equals("SPAN_KIND_SERVER")).findFirst();
    }

    private static Optional<ExportedSpan> dispatch(long task) {
        return OTLP.spans(SERVICE).stream().filter(span -> span.name().equals("gme.callback inbox dispatch")
                && Long.toString(task).equals(span.attributes().get("gme.callback.task_id"))).findFirst();
    }

    private static Optional<ExportedSpan> observer(long task) {
        return OTLP.spans(SERVICE).stream().filter(span -> span.name().equals(TracingObserver.SPAN)
                && Long.toString(task).equals(span.attributes().get("test.task_id"))).findFirst();
    }

    @Test
    void theOverdueGaugeCountsAFileWhileItIsOverdue() {
        long task = TASKS.incrementAndGet();
        send(task, 1, "overdue", null);
        Poll.until("the started file overdue", Duration.ofSeconds(30),
                () -> Exported.now(OTLP, SERVICE).recordingsOverdue() == 1);
        send(task, 3, "overdue", null);
        Poll.until("the uploaded file no longer overdue", Duration.ofSeconds(30),
                () -> Exported.now(OTLP, SERVICE).recordingsOverdue() == 0);
    }
}

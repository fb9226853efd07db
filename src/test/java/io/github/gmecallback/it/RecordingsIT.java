package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.it.recordings.LedgerObservers;
import io.github.gmecallback.it.recordings.LedgerServlet;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger of recording files over real HTTP, with the memory stores and with the jdbc ones on
 * PostgreSQL, where three deployments (one in inbox delivery) share one table as servers of a
 * cluster do: any arrival
 * order gives one file in the same state; the mixed stream and each user's stream are files of
 * their own; a duplicate changes nothing; a failing observer sees its file changed, and the change
 * is gone after the failure; a file whose callbacks stop is announced once in the cluster, a file
 * that completes in time never, and a late upload moves an overdue file on.
 */
@ArquillianTest
class RecordingsIT {

    private static final String KEY = Secrets.key("recordings-secret-key");
    private static final long BIZ = 1400000000L;
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 80_000_000 + System.nanoTime() % 1_000_000 * 100);
    private static final String JDBC = TestDatabase.jdbcStores(KEY,
            // Files become overdue after 2 s here, and the sweep runs every second.
            "gme.callback.recordings.recording-timeout=2",
            "gme.callback.recordings.upload-timeout=2");

    /** A third server of the cluster, in inbox delivery; an entry is dead after its first failure. */
    @Deployment(name = "jdbc-inbox", testable = false)
    static WebArchive jdbcInbox() {
        return TestDatabase.deployment("gme-ledger-inbox.war", TestDatabase.URL, JDBC + "\ngme.callback.delivery=inbox\n"
                        + "gme.callback.inbox.max-attempts=1")
                .addClasses(LedgerObservers.class, LedgerServlet.class);
    }

    @BeforeAll
    static void requireDatabase() {
        TestDatabase.require(RecordingsIT.class);
    }

    @Deployment(name = "memory", testable = false)
    static WebArchive memory() {
        return Deployments.receiverWithObservers("gme-ledger.war", "gme.callback.secret-key=" + KEY)
                .addClasses(LedgerObservers.class, LedgerServlet.class);
    }

    @Deployment(name = "jdbc-a", testable = false)
    static WebArchive jdbcA() {
        return TestDatabase.deployment("gme-ledger-a.war", TestDatabase.URL, JDBC)
                .addClasses(LedgerObservers.class, LedgerServlet.class);
    }

    @Deployment(name = "jdbc-b", testable = false)
    static WebArchive jdbcB() {
        return TestDatabase.deployment("gme-ledger-b.war", TestDatabase.URL, JDBC)
                .addClasses(LedgerObservers.class, LedgerServlet.class);
    }

    private static URI uri(String context, String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/" + context + "/" + path);
    }

    static String body(long taskId, int eventType, int recordMode, String userId, long seqNo) {
        return "{\"BizID\":" + BIZ + ",\"RoomID\":\"room-" + taskId + "\",\"UserID\":\"" + userId + "\",\"TaskID\":"
                + taskId + ",\"RecordMode\":" + recordMode + ",\"Timestamp\":" + (System.currentTimeMillis() / 1000)
                + ",\"EventType\":" + eventType + ",\"Detail\":{\"SeqNo\":" + seqNo + ",\"FileName\":\"" + userId
                + "-" + seqNo + ".mp3\"}}";
    }

    private static int post(String context, String body) {
        byte[] bytes = Samples.utf8(body);
        return Http.post(uri(context, "recording-callback"), bytes, CallbackSigner.base64(bytes, KEY)).statusCode();
    }

    /** The task's files as the deployment's {@code RecordingLedger} lists them, without their times. */
    private static List<String> files(String context, long taskId) {
        var response = Http.get(uri(context, "test/ledger?bizId=" + BIZ + "&taskId=" + taskId));
        assertEquals(200, response.statusCode(), response.body());
        return response.body().lines().map(line -> line.substring(0, line.indexOf(" times="))).toList();
    }

    /** The task's files with their times, but not whether they are overdue (a sweep may mark them meanwhile). */
    private static List<String> withTimes(String context, long taskId) {
        var response = Http.get(uri(context, "test/ledger?bizId=" + BIZ + "&taskId=" + taskId));
        assertEquals(200, response.statusCode(), response.body());
        return response.body().lines().map(line -> line.replaceAll(" overdue=\\w+", "")).toList();
    }

    private static List<String> noted(String context, long taskId) {
        return Http.get(uri(context, "test/ledger")).body().lines()
                .filter(line -> line.split(" ")[1].equals(Long.toString(taskId))).toList();
    }

    private static List<String> overdueInCluster(long taskId) {
        List<String> all = new ArrayList<>(noted("gme-ledger-a", taskId));
        all.addAll(noted("gme-ledger-b", taskId));
        all.addAll(noted("gme-ledger-inbox", taskId));
        all.removeIf(line -> !line.startsWith("overdue "));
        all.sort(null);
        return all;
    }

    @Test
    void everyArrivalOrderOfAFilesThreeCallbacksEndsInTheSameFile() {
        int[][] orders = {{1, 2, 3}, {1, 3, 2}, {2, 1, 3}, {2, 3, 1}, {3, 1, 2}, {3, 2, 1}};
        for (String context : List.of("gme-ledger", "gme-ledger-a")) {
            for (int[] order : orders) {
                long task = TASKS.incrementAndGet();
                for (int type : order) {
                    assertEquals(200, post(context, body(task, type, 0, "u1", 1)));
                }
                assertEquals(List.of("0 u1 1 UPLOADED SCU gaps=0 overdue=false"), files(context, task),
                        context + ", order " + order[0] + order[1] + order[2]);
            }
        }
    }

    @Test
    void theMixedStreamAndTwoUsersStreamsOfOneTaskStayApart() {
        for (String context : List.of("gme-ledger", "gme-ledger-b")) {
            long task = TASKS.incrementAndGet();
            assertEquals(200, post(context, body(task, 3, 1, "mix", 1)));
            assertEquals(200, post(context, body(task, 1, 0, "alice", 1)));
            assertEquals(200, post(context, body(task, 2, 0, "alice", 1)));
            assertEquals(200, post(context, body(task, 3, 0, "bob", 1)));
            assertEquals(200, post(context, body(task, 1, 0, "bob", 2)));
            List<String> files = files(context, task).stream().map(line -> line.replaceAll(" overdue=\\w+", ""))
                    .toList();
            assertEquals(List.of("1 mix 1 UPLOADED --U gaps=2", "0 alice 1 COMPLETED SC- gaps=0",
                    "0 bob 1 UPLOADED --U gaps=2", "0 bob 2 RECORDING S-- gaps=0"), files, context);
        }
    }

    @Test
    void aDuplicateChangesNothingAndAFailedCallbacksChangeIsGoneAfterItsObserverSawIt() {
        for (String context : List.of("gme-ledger", "gme-ledger-a")) {
            long task = TASKS.incrementAndGet();
            String started = body(task, 1, 0, "u1", 1);
            assertEquals(200, post(context, started));
            List<String> before = withTimes(context, task);
            assertEquals(200, post(context, started), "a repeat is a duplicate");
            assertEquals(before, withTimes(context, task), context + ": the duplicate changed nothing");

            assertEquals(500, post(context, body(task, 2, 0, "peek-throw", 1)));
            assertEquals(List.of("peek " + task + " 2 COMPLETED"), noted(context, task),
                    context + ": the observer saw its file completed");
            assertEquals(before, withTimes(context, task), context + ": the failed callback left no file");
        }
    }

    @Test
    void inInboxDeliveryTheDispatchRecordsTheFileAndAFailedDispatchTakesItsChangeBack() {
        String context = "gme-ledger-inbox";
        long task = TASKS.incrementAndGet();
        for (int type : new int[] {2, 3, 1}) {
            assertEquals(200, post(context, body(task, type, 1, "mix", 1)));
        }
        Poll.until("the inbox dispatched all three", Duration.ofSeconds(20),
                () -> files(context, task).equals(List.of("1 mix 1 UPLOADED SCU gaps=0 overdue=false")));

        assertEquals(200, post(context, body(task, 1, 0, "peek-throw", 1)), "accepted, then dispatched");
        Poll.until("the failing dispatch", Duration.ofSeconds(20),
                () -> noted(context, task).contains("peek " + task + " 1 RECORDING"));
        assertEquals(List.of("1 mix 1 UPLOADED SCU gaps=0 overdue=false"), files(context, task),
                "the dead entry's change rolled back with its dispatch");
    }

    @Test
    void aFileWhoseCallbacksStopIsAnnouncedOnceInTheClusterAndALateUploadMovesItOn() throws Exception {
        long task = TASKS.incrementAndGet();
        assertEquals(200, post("gme-ledger-a", body(task, 1, 0, "stuck", 1)));
        assertEquals(200, post("gme-ledger-a", body(task, 2, 0, "late", 1)));
        for (int type = 1; type <= 3; type++) {
            assertEquals(200, post("gme-ledger-b", body(task, type, 0, "in-time", 1)));
        }
        List<String> expected = List.of("overdue " + task + " late 1 COMPLETED", "overdue " + task + " stuck 1 RECORDING");
        Poll.until("both stuck files announced", Duration.ofSeconds(20),
                () -> overdueInCluster(task).containsAll(expected));
        assertTrue(files("gme-ledger-b", task).contains("0 late 1 COMPLETED -C- gaps=1 overdue=true"),
                "the other server's ledger shows it overdue too");

        assertEquals(200, post("gme-ledger-b", body(task, 3, 0, "late", 1)));
        assertTrue(files("gme-ledger-a", task).contains("0 late 1 UPLOADED -CU gaps=1 overdue=false"),
                "the late upload moved it on");

        // The three deployments sweep every second: three more sweeps each would have announced a file
        // again, or announced the one that completed in time.
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) {
            assertEquals(expected, overdueInCluster(task), "each announced once, in all");
            Thread.sleep(250);
        }
    }
}

package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Times the overdue sweep of the {@code jdbc} ledger over a large table on PostgreSQL: fills
 * {@code gme_callback_recording_file} with FILES rows (default 1 000 000) of a month's traffic
 * (96 % uploaded, 2 % completed and 2 % recording, of which half long overdue and marked before),
 * then sweeps: the first sweep marks what became due, the next ones find nothing new, which is
 * what a sweep does every minute. Prints each sweep's time and the plan of its query. A
 * benchmark, not a test; {@code bench/run} runs it on its PostgreSQL:
 * <pre>
 * java -cp ... io.github.gmecallback.ledger.OverdueSweepBenchmark jdbc:postgresql://127.0.0.1:PORT/gme_it [files]
 * </pre>
 */
public final class OverdueSweepBenchmark {

    private OverdueSweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser("gme_it");
        dataSource.setPassword("gme_it");
        Duration recordingTimeout = Duration.ofSeconds(9000);
        Duration uploadTimeout = Duration.ofSeconds(3600);
        JdbcLedgerStore store = new JdbcLedgerStore(dataSource, Clock.systemUTC(), Duration.ofDays(30), null);
        store.ping();
        long now = System.currentTimeMillis();
        long filled = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE gme_callback_recording_file");
            // Row i: its latest change i * 30 days / FILES ago; every 50th completed, every 50th + 1 recording,
            // and of those, the older half marked overdue by earlier sweeps.
            sql.execute("INSERT INTO gme_callback_recording_file SELECT md5(i::text) || md5((i + 1)::text), "
                    + "1400000000, 446946705284000000 + i / 4, 0, (100 + i % 900)::text, i % 4, 'room-' || (i / 4), "
                    + "'file-' || i || '.mp3', t - 60000, CASE WHEN i % 50 = 1 THEN NULL ELSE t - 30000 END, "
                    + "CASE WHEN i % 50 IN (0, 1) THEN NULL ELSE t END, "
                    + "CASE WHEN i % 50 = 0 THEN 2 WHEN i % 50 = 1 THEN 1 ELSE 3 END, t, "
                    + "CASE WHEN i % 50 IN (0, 1) AND t < " + (now - 86_400_000L) + " THEN (CASE WHEN i % 50 = 0 THEN 2 "
                    + "ELSE 1 END) ELSE 0 END, NULL, t "
                    + "FROM (SELECT i, " + now + " - i::bigint * 2592000000 / " + files + " AS t "
                    + "FROM generate_series(1, " + files + ") AS i) AS f");
            sql.execute("ANALYZE gme_callback_recording_file");
        }
        System.out.printf("overdue sweep: %d files written in %.1f s%n", files, (System.nanoTime() - filled) / 1e9);
        for (int sweep = 1; sweep <= 5; sweep++) {
            long started = System.nanoTime();
            int marked = 0;
            List<RecordingFile> batch;
            do {
                batch = store.markOverdue(recordingTimeout, uploadTimeout, OverdueSweep.BATCH);
                marked += batch.size();
            } while (sweep == 1 && batch.size() >= OverdueSweep.BATCH);
            System.out.printf("overdue sweep %d over %d files: %d marked in %.1f ms%n", sweep, files, marked,
                    (System.nanoTime() - started) / 1e6);
        }
        // What an operator's pages cost on the same table: the newest tasks, one task, the overdue files.
        for (int round = 1; round <= 3; round++) {
            long started = System.nanoTime();
            TaskPage tasks = store.tasks(RecordingQuery.all());
            long tasksDone = System.nanoTime();
            int inTask = store.task(1400000000L, tasks.tasks().get(0).taskId()).size();
            long taskDone = System.nanoTime();
            int overdue = store.find(RecordingQuery.all().overdueOnly(true)).files().size();
            long overdueDone = System.nanoTime();
            System.out.printf("ledger pages over %d files, round %d: newest tasks %.1f ms, one task (%d files) %.1f ms, "
                    + "overdue (%d shown) %.1f ms%n", files(args), round, (tasksDone - started) / 1e6, inTask,
                    (taskDone - tasksDone) / 1e6, overdue, (overdueDone - taskDone) / 1e6);
        }
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet plan = sql.executeQuery("EXPLAIN " + bound(LedgerTable.DUE, 2, 2,
                     now - uploadTimeout.toMillis(), OverdueSweep.BATCH))) {
            while (plan.next()) {
                System.out.println("  plan: " + plan.getString(1));
            }
        }
    }

    private static int files(String[] args) {
        return args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    }

    /** A statement with its parameters written in, for {@code EXPLAIN}. */
    private static String bound(String sql, Object... values) {
        StringBuilder bound = new StringBuilder();
        int value = 0;
        for (char c : sql.toCharArray()) {
            bound.append(c == '?' ? String.valueOf(values[value++]) : String.valueOf(c));
        }
        return bound.toString();
    }
}

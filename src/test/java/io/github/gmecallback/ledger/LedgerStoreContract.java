package io.github.gmecallback.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import io.github.gmecallback.recording.RecordingEventType;
import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every ledger store does; run against the memory store, and the jdbc one on each database of the run. */
abstract class LedgerStoreContract {

    static final long BIZ = 1400000000L;
    static final Duration RECORDING_TIMEOUT = Duration.ofHours(2);
    static final Duration UPLOAD_TIMEOUT = Duration.ofHours(1);

    final TestClock clock = new TestClock();

    /** A new, empty store on the test's clock. */
    abstract LedgerStore store();

    static RecordingCallback callback(long taskId, int eventType, int mode, String user, long seqNo) {
        return new RecordingCallback(BIZ, "room-" + taskId, user, mode, 1_700_000_000L, taskId, eventType,
                new RecordingDetail(seqNo, "file-" + user + "-" + seqNo + ".mp3"));
    }

    static RecordingCallback callback(long taskId, int eventType) {
        return callback(taskId, eventType, 0, "u1", 1);
    }

    /** Every permutation of the three event types. */
    static List<int[]> orders() {
        return List.of(new int[] {1, 2, 3}, new int[] {1, 3, 2}, new int[] {2, 1, 3}, new int[] {2, 3, 1},
                new int[] {3, 1, 2}, new int[] {3, 2, 1});
    }

    @Test
    void everyArrivalOrderEndsUploadedWithEachTimeAndNoGap() throws Exception {
        LedgerStore store = store();
        long task = 100;
        for (int[] order : orders()) {
            task++;
            for (int type : order) {
                clock.advance(Duration.ofSeconds(1));
                store.record(callback(task, type));
            }
            List<RecordingFile> files = store.task(BIZ, task);
            assertEquals(1, files.size(), "one file, for order " + List.of(order[0], order[1], order[2]));
            RecordingFile file = files.get(0);
            assertEquals(RecordingFileState.UPLOADED, file.state());
            assertNotNull(file.startedAt());
            assertNotNull(file.completedAt());
            assertEquals(file.uploadedAt(), file.stateSince(), "uploaded since its upload was processed");
            assertEquals(List.of(), file.gaps());
            assertEquals("room-" + task, file.roomId());
            assertEquals("file-u1-1.mp3", file.fileName());
        }
    }

    @Test
    void aLaterStageWithoutAnEarlierOneIsAGapAndTheStateNeverGoesBack() throws Exception {
        LedgerStore store = store();
        store.record(callback(7, 3));
        RecordingFile uploaded = store.task(BIZ, 7).get(0);
        assertEquals(RecordingFileState.UPLOADED, uploaded.state());
        assertEquals(List.of(RecordingEventType.RECORDING_STARTED, RecordingEventType.RECORDING_COMPLETED),
                uploaded.gaps());
        clock.advance(Duration.ofMinutes(1));
        store.record(callback(7, 1));
        RecordingFile later = store.task(BIZ, 7).get(0);
        assertEquals(RecordingFileState.UPLOADED, later.state(), "a late start does not move it back");
        assertEquals(uploaded.stateSince(), later.stateSince());
        assertEquals(List.of(RecordingEventType.RECORDING_COMPLETED), later.gaps());

        store.record(callback(8, 2));
        assertEquals(List.of(RecordingEventType.RECORDING_STARTED), store.task(BIZ, 8).get(0).gaps());
    }

    /** A task with the mixed stream (uploaded), alice's two files (recording, uploaded) and bob's (completed). */
    static void recordStreams(LedgerStore store, long task) throws Exception {
        store.record(callback(task, 1, 1, "mixer", 1));
        store.record(callback(task, 1, 0, "alice", 1));
        store.record(callback(task, 3, 0, "alice", 2));
        store.record(callback(task, 2, 0, "bob", 1));
        store.record(callback(task, 3, 1, "mixer", 1));
    }

    @Test
    void theMixedStreamAndEachUsersStreamAndEachSeqNoAreFilesOfTheirOwn() throws Exception {
        LedgerStore store = store();
        recordStreams(store, 9);
        List<RecordingFile> files = store.task(BIZ, 9);
        assertEquals(List.of("mixer/1/UPLOADED", "alice/1/RECORDING", "alice/2/UPLOADED", "bob/1/COMPLETED"),
                files.stream().map(f -> f.userId() + "/" + f.seqNo() + "/" + f.state()).toList(),
                "the mix first, then each user's stream by SeqNo");
        assertEquals(List.of(), store.task(BIZ + 1, 9), "another BizID's task is another task");
        TaskSummary summary = store.tasks(RecordingQuery.all()).tasks().get(0);
        assertEquals(List.of(9L, 4, 2, 0), List.of(summary.taskId(), summary.files(), summary.uploaded(),
                summary.overdue()));
    }

    @Test
    void aCallbackRecordedBeforeChangesNothingAndAnUndoTakesOnlyItsOwnChangeBack() throws Exception {
        LedgerStore store = store();
        store.record(callback(11, 1));
        RecordingFile before = store.task(BIZ, 11).get(0);
        clock.advance(Duration.ofSeconds(5));
        LedgerStore.Change repeat = store.record(callback(11, 1));
        assertEquals(LedgerStore.Change.NONE, repeat, "a replay of a processed callback changes nothing");
        assertEquals(before, store.task(BIZ, 11).get(0));

        LedgerStore.Change completed = store.record(callback(11, 2));
        assertEquals(RecordingFileState.COMPLETED, store.task(BIZ, 11).get(0).state());
        completed.undo();
        assertEquals(before, store.task(BIZ, 11).get(0), "the failed completion is taken back, the start stays");

        store.record(callback(12, 3)).undo();
        assertEquals(List.of(), store.task(BIZ, 12), "a file only the failed callback made is gone");
        assertEquals(LedgerStore.Change.NONE, store.record(callback(13, 4)), "unknown event types do not count");
        assertEquals(List.of(), store.task(BIZ, 13));
    }

    @Test
    void aFileStuckPastItsTimeoutIsMarkedOverdueOnceAndALateCallbackMovesItOn() throws Exception {
        LedgerStore store = store();
        store.record(callback(20, 1));
        store.record(callback(21, 1));
        store.record(callback(21, 2));
        clock.advance(UPLOAD_TIMEOUT.minusSeconds(1));
        assertEquals(List.of(), store.markOverdue(RECORDING_TIMEOUT, UPLOAD_TIMEOUT, 100), "not yet");
        clock.advance(Duration.ofSeconds(1));
        List<RecordingFile> completed = store.markOverdue(RECORDING_TIMEOUT, UPLOAD_TIMEOUT, 100);
        assertEquals(List.of(21L), completed.stream().map(RecordingFile::taskId).toList());
        assertTrue(completed.get(0).overdue());
        assertEquals(List.of(), store.markOverdue(RECORDING_TIMEOUT, UPLOAD_TIMEOUT, 100), "once per file and state");

        clock.advance(RECORDING_TIMEOUT.minus(UPLOAD_TIMEOUT));
        assertEquals(List.of(20L), store.markOverdue(RECORDING_TIMEOUT, UPLOAD_TIMEOUT, 100).stream()
                .map(RecordingFile::taskId).toList());
        assertEquals(List.of(20L, 21L), overdueTasks(store));

        store.record(callback(21, 3));
        assertEquals(List.of(20L), overdueTasks(store), "the late upload moves the file on");
        assertFalse(store.task(BIZ, 21).get(0).overdue());

        store.record(callback(20, 2));
        assertEquals(List.of(), overdueTasks(store), "completed late: no longer overdue as recording");
        clock.advance(UPLOAD_TIMEOUT);
        assertEquals(List.of(20L), store.markOverdue(RECORDING_TIMEOUT, UPLOAD_TIMEOUT, 100).stream()
                .map(RecordingFile::taskId).toList(), "then overdue again, once, for its new state");
    }

    @Test
    void aCallbackThatMovesAnOverdueFileOnAndFailsLeavesItOverdueWithoutASecondMark() throws Exception {
        LedgerStore store = store();
        store.record(callback(30, 2));
        clock.advance(UPLOAD_TIMEOUT);
        assertEquals(1, store.markOverdue(RECORDING_TIMEOUT, UPLOAD_TIMEOUT, 100).size());
        store.record(callback(30, 3)).undo();
        assertTrue(store.task(BIZ, 30).get(0).overdue());
        assertEquals(List.of(), store.markOverdue(RECORDING_TIMEOUT, UPLOAD_TIMEOUT, 100));
    }

    @Test
    void findFiltersAndPagesNewestFirst() throws Exception {
        LedgerStore store = store();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            store.record(callback(40 + i, i % 2 == 0 ? 3 : 1));
        }
        RecordingPage first = store.find(RecordingQuery.all().page(0, 2));
        assertEquals(List.of(44L, 43L), first.files().stream().map(RecordingFile::taskId).toList());
        assertTrue(first.hasMore());
        assertEquals(List.of(44L, 42L, 40L), taskIds(store.find(RecordingQuery.all()
                .state(RecordingFileState.UPLOADED))));
        assertEquals(List.of(43L), taskIds(store.find(RecordingQuery.all().roomId("room-43"))));
        assertEquals(List.of(41L), taskIds(store.find(RecordingQuery.all().taskId(41).userId("u1"))));
        assertFalse(store.find(RecordingQuery.all().page(2, 2)).hasMore());
        assertEquals(List.of(43L, 41L), store.tasks(RecordingQuery.all().state(RecordingFileState.RECORDING))
                .tasks().stream().map(TaskSummary::taskId).toList());
    }

    @Test
    void theFarthestPageAQueryMayAskForIsEmptyPastTheLast() throws Exception {
        LedgerStore store = store();
        store.record(callback(50, 3));
        RecordingQuery farthest = RecordingQuery.all().page(RecordingQuery.MAX_PAGE, RecordingQuery.MAX_PAGE_SIZE);
        RecordingPage files = store.find(farthest);
        assertEquals(List.of(), files.files());
        assertFalse(files.hasMore());
        TaskPage tasks = store.tasks(farthest);
        assertEquals(List.of(), tasks.tasks());
        assertFalse(tasks.hasMore());
    }

    @Test
    void aTaskIsReadUpToItsBoundInTheTasksOrderSayingWhetherItHasMore() throws Exception {
        LedgerStore store = store();
        recordStreams(store, 55);
        RecordingPage first = store.task(BIZ, 55, 3);
        assertEquals(List.of("mixer/1", "alice/1", "alice/2"),
                first.files().stream().map(f -> f.userId() + "/" + f.seqNo()).toList(), "the first three in order");
        assertTrue(first.hasMore(), "bob's file was not read");
        RecordingPage all = store.task(BIZ, 55, 4);
        assertEquals(4, all.files().size());
        assertFalse(all.hasMore());
    }

    static List<Long> taskIds(RecordingPage page) {
        return page.files().stream().map(RecordingFile::taskId).toList();
    }

    static List<Long> overdueTasks(LedgerStore store) throws Exception {
        List<Long> tasks = new ArrayList<>(taskIds(store.find(RecordingQuery.all().overdueOnly(true))));
        tasks.sort(null);
        return tasks;
    }

    static void assertNoFile(LedgerStore store, long task) throws Exception {
        assertNull(store.task(BIZ, task).stream().findFirst().orElse(null));
    }
}

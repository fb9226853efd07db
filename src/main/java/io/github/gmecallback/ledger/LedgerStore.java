package io.github.gmecallback.ledger;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingFile;
import java.time.Duration;
import java.util.List;

/**
 * Where the ledger of recording files is kept: {@code memory}, {@code jdbc} or nowhere. The
 * delivery {@linkplain #record records} each callback it processes, before the synchronous
 * observers run (so that they see the file as the callback leaves it), and undoes that change
 * when processing fails.
 */
public interface LedgerStore {

    /** A change {@link #record} made, and how to take it back. */
    @FunctionalInterface
    interface Change {

        /** Nothing changed: the callback's time was recorded before, or its type is unknown. */
        Change NONE = () -> {
        };

        /**
         * Takes the change back, because the callback's processing failed; a failure to do so is
         * logged, not thrown. With {@code jdbc} inside the claim's transaction its rollback also
         * does.
         */
        void undo();
    }

    /** No ledger: nothing is kept, every query finds nothing. */
    LedgerStore NONE = new NoLedgerStore();

    /**
     * Records that a callback is being processed: its file's time for its event type, where the
     * file has none yet. With {@code jdbc}, in the calling thread's transaction, if one is open.
     *
     * @param callback the callback
     * @return the change, to undo if processing fails
     * @throws StoreUnavailableException if the database fails
     */
    Change record(RecordingCallback callback) throws StoreUnavailableException;

    /**
     * A task's files, by mode, UserID and SeqNo: the first {@code max} of them, read without the
     * others.
     *
     * @param bizId  {@code BizID}
     * @param taskId {@code TaskID}
     * @param max    the most files to read
     * @return its files as one page (page 0 of {@code max}), empty when the ledger knows none;
     *         {@link RecordingPage#hasMore()} where the task has more
     * @throws StoreUnavailableException if the database fails
     */
    RecordingPage task(long bizId, long taskId, int max) throws StoreUnavailableException;

    /**
     * A task's files, by mode, UserID and SeqNo: at most {@value RecordingLedger#MAX_TASK_FILES}.
     *
     * @param bizId  {@code BizID}
     * @param taskId {@code TaskID}
     * @return its files, empty when the ledger knows none
     * @throws StoreUnavailableException if the database fails
     */
    default List<RecordingFile> task(long bizId, long taskId) throws StoreUnavailableException {
        return task(bizId, taskId, RecordingLedger.MAX_TASK_FILES).files();
    }

    /**
     * Files that match, newest (latest callback) first.
     *
     * @param query filters and page
     * @return the page
     * @throws StoreUnavailableException if the database fails
     */
    RecordingPage find(RecordingQuery query) throws StoreUnavailableException;

    /**
     * Tasks that have a matching file, newest first, with the counts of their files.
     *
     * @param query filters and page ({@link RecordingQuery#state()} and
     *              {@link RecordingQuery#overdueOnly()} select tasks that have such a file)
     * @return the page
     * @throws StoreUnavailableException if the database fails
     */
    TaskPage tasks(RecordingQuery query) throws StoreUnavailableException;

    /**
     * Marks the files that became overdue and are not yet marked for their state, and returns
     * those this call marked: with {@code jdbc}, the server whose conditional {@code UPDATE}
     * marks a file is the only one that gets it.
     *
     * @param recordingTimeout how long a file may stay {@code RECORDING}
     * @param uploadTimeout    how long a file may stay {@code COMPLETED}
     * @param max              at most this many per state and call
     * @return the files marked, as marked
     * @throws StoreUnavailableException if the database fails
     */
    List<RecordingFile> markOverdue(Duration recordingTimeout, Duration uploadTimeout, int max)
            throws StoreUnavailableException;

    /**
     * How many files are overdue now: for the {@code gme.callback.recordings.overdue} gauge, which
     * the overdue sweep refreshes after each of its runs, so that no scrape reads the store.
     *
     * @return the files marked overdue for the state they are still in
     * @throws StoreUnavailableException if the database fails
     */
    long overdueCount() throws StoreUnavailableException;

    /**
     * Whether the store answers (for the readiness check).
     *
     * @throws StoreUnavailableException if it does not
     */
    void ping() throws StoreUnavailableException;
}

package io.github.gmecallback.ledger;

import io.github.gmecallback.config.RecordingsSettings;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileOverdue;
import java.time.Duration;
import java.util.List;

/**
 * The recording files the receiver has seen, and how far each has come: the answer to "did every
 * file of this task upload, and which did not?". Inject it anywhere in the application:
 * <pre>{@code
 * @Inject RecordingLedger ledger;
 *
 * List<RecordingFile> files = ledger.task(1400000000L, 446946705284000000L);
 * List<RecordingFile> missing = files.stream()
 *         .filter(file -> file.state() != RecordingFileState.UPLOADED).toList();
 * }</pre>
 *
 * <p>A file is one {@code (BizID, TaskID, RecordMode, UserID, SeqNo)}: the mixed stream and each
 * user's stream of a task are files of their own, and GME splits long recordings by SeqNo. The
 * ledger records when each of a file's three callbacks was first processed, in any order, and
 * changes only when a callback is processed (never for a duplicate, a refusal or a failure; with
 * the {@code jdbc} stores in the transaction of the callback's dedupe record). It changes before
 * the synchronous observers run, so an {@code @Observes @UploadCompleted} observer that calls
 * {@link #task} sees its own file uploaded. A file that stays recording or completed too long is
 * marked overdue and announced once as a {@link RecordingFileOverdue}.
 *
 * <p>With {@code gme.callback.recordings.store=memory} (the default where the journal is in memory)
 * it holds this server's newest {@code gme.callback.recordings.size} files; with {@code jdbc},
 * every server's files of the last {@code gme.callback.recordings.retention} seconds; with
 * {@code none} it is empty. The receiver makes it an application-scoped bean. Its methods throw
 * {@link StoreUnavailableException} where the {@code jdbc} ledger's database cannot be reached.
 */
public class RecordingLedger {

    /**
     * The most files of one task that {@link #task} reads: GME splits a stream into a file every
     * 2 hours, so this is thousands of streams or months of recording, past any real task.
     */
    public static final int MAX_TASK_FILES = 10_000;

    private LedgerStore store;
    private RecordingsSettings settings;

    /**
     * The ledger's API over its store.
     *
     * @param store    where the files are kept
     * @param settings the ledger's settings
     */
    public RecordingLedger(LedgerStore store, RecordingsSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** For CDI's proxy of the application-scoped bean. */
    protected RecordingLedger() {
    }

    /**
     * A task's files: the mixed stream first, then each user's stream, each by SeqNo; at most
     * {@value #MAX_TASK_FILES} of them, the first in that order, so that no task makes the
     * ledger read without bound. Use {@link #taskFiles} to learn whether a task has more.
     *
     * @param bizId  {@code BizID}
     * @param taskId {@code TaskID}
     * @return its files, at most {@value #MAX_TASK_FILES}; empty when the ledger knows none of them
     * @throws StoreUnavailableException if the {@code jdbc} ledger's database cannot be reached
     */
    public List<RecordingFile> task(long bizId, long taskId) throws StoreUnavailableException {
        return taskFiles(bizId, taskId).files();
    }

    /**
     * A task's files as {@link #task} gives them, and whether it has more: the page's
     * {@link RecordingPage#hasMore()} is {@code true} where the task has more than
     * {@value #MAX_TASK_FILES} files and only the first were read.
     *
     * @param bizId  {@code BizID}
     * @param taskId {@code TaskID}
     * @return its files as page 0 of {@value #MAX_TASK_FILES}; empty when the ledger knows none of them
     * @throws StoreUnavailableException if the {@code jdbc} ledger's database cannot be reached
     */
    public RecordingPage taskFiles(long bizId, long taskId) throws StoreUnavailableException {
        return store.task(bizId, taskId, MAX_TASK_FILES);
    }

    /**
     * Files that match a query, newest (latest callback) first.
     *
     * @param query filters and page
     * @return one page
     * @throws StoreUnavailableException if the {@code jdbc} ledger's database cannot be reached
     */
    public RecordingPage find(RecordingQuery query) throws StoreUnavailableException {
        return store.find(query);
    }

    /**
     * The overdue files, newest first: the first {@value RecordingQuery#MAX_PAGE_SIZE}; use
     * {@link #find} with {@link RecordingQuery#overdueOnly(boolean)} to filter or page.
     *
     * @return one page
     * @throws StoreUnavailableException if the {@code jdbc} ledger's database cannot be reached
     */
    public RecordingPage overdue() throws StoreUnavailableException {
        return store.find(RecordingQuery.all().overdueOnly(true).page(0, RecordingQuery.MAX_PAGE_SIZE));
    }

    /**
     * Tasks with a matching file, newest first, each with how many files it has, how many
     * uploaded and how many overdue. The query's state and overdue filters keep the tasks that
     * have such a file; every file the other filters match is counted.
     *
     * @param query filters and page
     * @return one page
     * @throws StoreUnavailableException if the {@code jdbc} ledger's database cannot be reached
     */
    public TaskPage tasks(RecordingQuery query) throws StoreUnavailableException {
        return store.tasks(query);
    }

    /**
     * Whether a ledger is kept ({@code gme.callback.recordings.store} is not {@code none}).
     *
     * @return {@code true} when files are recorded
     */
    public boolean enabled() {
        return store != LedgerStore.NONE;
    }

    /**
     * How long a file may stay recording before it is overdue.
     *
     * @return {@code gme.callback.recordings.recording-timeout}
     */
    public Duration recordingTimeout() {
        return settings.recordingTimeoutDuration();
    }

    /**
     * How long a completed file may wait for its upload before it is overdue.
     *
     * @return {@code gme.callback.recordings.upload-timeout}
     */
    public Duration uploadTimeout() {
        return settings.uploadTimeoutDuration();
    }
}

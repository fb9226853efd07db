package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.logging.Logger;

/**
 * The {@code memory} ledger: this server's files, the newest {@code size} of them (by when each
 * was first seen); past that the oldest go first, and a WARNING says so at most once a minute.
 * Each server of a cluster knows only the callbacks it processed itself.
 */
public final class MemoryLedgerStore implements LedgerStore {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final long MINUTE_MILLIS = 60_000;

    private final Clock clock;
    private final int size;
    private final LinkedHashMap<FileKey, MemoryFile> files = new LinkedHashMap<>();
    private long evicted;
    private long lastEvictionWarning = Long.MIN_VALUE / 2;

    /**
     * A ledger.
     *
     * @param clock the time source of the times recorded
     * @param size  how many files it keeps
     */
    public MemoryLedgerStore(Clock clock, int size) {
        this.clock = clock;
        this.size = size;
    }

    @Override
    public synchronized Change record(RecordingCallback callback) {
        RecordingFileState stage = RecordingFileState.of(callback.eventType());
        if (stage == null) {
            return Change.NONE;
        }
        FileKey key = FileKey.of(callback);
        MemoryFile file = files.get(key);
        if (file == null) {
            file = new MemoryFile(callback.roomId());
            files.put(key, file);
            evict();
        } else if (file.at(stage) != MemoryFile.NONE) {
            return Change.NONE;
        }
        long now = clock.millis();
        file.set(stage, now);
        if (file.fileName == null && callback.detail() != null) {
            file.fileName = callback.detail().fileName();
        }
        return () -> undo(key, stage, now);
    }

    private synchronized void undo(FileKey key, RecordingFileState stage, long at) {
        MemoryFile file = files.get(key);
        if (file != null && file.at(stage) == at) {
            file.set(stage, MemoryFile.NONE);
            if (file.empty()) {
                files.remove(key);
            }
        }
    }

    private void evict() {
        Iterator<MemoryFile> oldest = files.values().iterator();
        while (files.size() > size && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
            evicted++;
        }
        long now = clock.millis();
        if (evicted > 0 && now - lastEvictionWarning >= MINUTE_MILLIS) {
            long count = evicted;
            LOG.warning(() -> "recording ledger full: the " + count + " oldest files were forgotten; raise "
                    + "gme.callback.recordings.size or use gme.callback.recordings.store=jdbc");
            lastEvictionWarning = now;
            evicted = 0;
        }
    }

    @Override
    public synchronized RecordingPage task(long bizId, long taskId, int max) {
        List<RecordingFile> task = new ArrayList<>();
        files.forEach((key, file) -> {
            if (key.bizId() == bizId && key.taskId() == taskId) {
                task.add(file.snapshot(key));
            }
        });
        task.sort(FileOrder.IN_TASK);
        return RecordingPage.first(task, max);
    }

    @Override
    public RecordingPage find(RecordingQuery query) {
        List<RecordingFile> found = new ArrayList<>();
        for (RecordingFile file : snapshot()) {
            if (query.matches(file)) {
                found.add(file);
            }
        }
        found.sort(FileOrder.NEWEST_FIRST);
        int first = Tasks.firstOf(found.size(), query);
        int last = Math.min(found.size(), first + query.pageSize());
        return new RecordingPage(found.subList(first, last), query.page(), query.pageSize(), last < found.size());
    }

    @Override
    public TaskPage tasks(RecordingQuery query) {
        return Tasks.of(snapshot(), query);
    }

    @Override
    public synchronized List<RecordingFile> markOverdue(Duration recordingTimeout, Duration uploadTimeout, int max) {
        long now = clock.millis();
        List<RecordingFile> marked = new ArrayList<>();
        int[] perState = new int[4];
        files.forEach((key, file) -> {
            RecordingFileState state = file.state();
            Duration timeout = state == RecordingFileState.RECORDING ? recordingTimeout
                    : state == RecordingFileState.COMPLETED ? uploadTimeout : null;
            if (timeout != null && file.overdueFor < state.code() && file.since() <= now - timeout.toMillis()
                    && perState[state.code()]++ < max) {
                file.overdueFor = state.code();
                file.overdueAt = now;
                marked.add(file.snapshot(key));
            }
        });
        return marked;
    }

    @Override
    public synchronized long overdueCount() {
        long overdue = 0;
        for (MemoryFile file : files.values()) {
            if (file.overdueFor == file.state().code()) {
                overdue++;
            }
        }
        return overdue;
    }

    @Override
    public void ping() {
    }

    /**
     * How many files it holds.
     *
     * @return the number of files
     */
    public synchronized int size() {
        return files.size();
    }

    private synchronized List<RecordingFile> snapshot() {
        List<RecordingFile> all = new ArrayList<>(files.size());
        files.forEach((key, file) -> all.add(file.snapshot(key)));
        return all;
    }
}

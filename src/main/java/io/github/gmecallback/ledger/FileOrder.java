package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import java.util.Comparator;

/** The orders the ledger lists files in. */
final class FileOrder {

    /** A task's files: the mixed stream first, then each user's stream, each by SeqNo. */
    static final Comparator<RecordingFile> IN_TASK = Comparator
            .comparingInt(RecordingFile::recordMode).reversed()
            .thenComparing(RecordingFile::userId)
            .thenComparingLong(RecordingFile::seqNo);

    /** Found files: the latest callback first. */
    static final Comparator<RecordingFile> NEWEST_FIRST = Comparator.comparing(RecordingFile::lastAt).reversed()
            .thenComparing(IN_TASK);

    private FileOrder() {
    }
}

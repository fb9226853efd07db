package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import java.util.List;

/**
 * One page of recording files: newest first where they were found by a query, in the task's order
 * where they are a task's ({@link RecordingLedger#taskFiles}).
 *
 * @param files    the files of this page
 * @param page     its number, from 0
 * @param pageSize the page size asked for
 * @param hasMore  whether a next page holds more
 */
public record RecordingPage(List<RecordingFile> files, int page, int pageSize, boolean hasMore) {

    public RecordingPage {
        files = List.copyOf(files);
    }

    /** The first {@code max} of some files, in their order, as page 0 of {@code max}. */
    static RecordingPage first(List<RecordingFile> files, int max) {
        boolean more = files.size() > max;
        return new RecordingPage(more ? files.subList(0, max) : files, 0, max, more);
    }
}

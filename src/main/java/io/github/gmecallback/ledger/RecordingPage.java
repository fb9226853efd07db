package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import java.util.List;

/**
 * One page of recording files, newest first.
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
}

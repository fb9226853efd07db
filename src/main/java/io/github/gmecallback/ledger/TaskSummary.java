package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileState;
import java.time.Instant;
import java.util.List;

/**
 * A recording task as its files in the ledger add up: how many there are, how many uploaded and
 * how many overdue. {@code files - uploaded} is what is still missing.
 *
 * @param bizId    {@code BizID}
 * @param taskId   {@code TaskID}
 * @param roomId   {@code RoomID} (of one of its files; a task records one room)
 * @param files    its files in the ledger
 * @param uploaded those {@code UPLOADED}
 * @param overdue  those overdue
 * @param lastAt   when the latest callback of any of its files was processed; {@code null} for none
 */
public record TaskSummary(long bizId, long taskId, String roomId, int files, int uploaded, int overdue,
        Instant lastAt) {

    /**
     * A task's files added up.
     *
     * @param bizId  {@code BizID}
     * @param taskId {@code TaskID}
     * @param files  its files, as the ledger lists them; may be empty
     * @return the summary ({@code roomId} and {@code lastAt} {@code null} without a file)
     */
    public static TaskSummary of(long bizId, long taskId, List<RecordingFile> files) {
        int uploaded = 0;
        int overdue = 0;
        Instant last = null;
        for (RecordingFile file : files) {
            uploaded += file.state() == RecordingFileState.UPLOADED ? 1 : 0;
            overdue += file.overdue() ? 1 : 0;
            last = last == null || file.lastAt().isAfter(last) ? file.lastAt() : last;
        }
        return new TaskSummary(bizId, taskId, files.isEmpty() ? null : files.get(0).roomId(), files.size(), uploaded,
                overdue, last);
    }

    /**
     * How many of its files are not uploaded: what is still missing.
     *
     * @return {@code files - uploaded}
     */
    public int missing() {
        return files - uploaded;
    }

    /**
     * Whether every file the ledger knows of the task is uploaded.
     *
     * @return {@code true} when nothing is missing
     */
    public boolean complete() {
        return missing() == 0;
    }
}

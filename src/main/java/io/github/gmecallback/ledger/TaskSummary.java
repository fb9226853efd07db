package io.github.gmecallback.ledger;

import java.time.Instant;

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
 * @param lastAt   when the latest callback of any of its files was processed
 */
public record TaskSummary(long bizId, long taskId, String roomId, int files, int uploaded, int overdue,
        Instant lastAt) {

    /**
     * Whether every file the ledger knows of the task is uploaded.
     *
     * @return {@code true} when nothing is missing
     */
    public boolean complete() {
        return uploaded == files;
    }
}

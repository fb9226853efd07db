package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileState;
import java.time.Instant;

/**
 * Which recording files to find, and which page of them, newest first (by the latest of their
 * callbacks). Start from {@link #all()} and narrow it; a filter left {@code null} matches
 * everything:
 * <pre>{@code
 * RecordingQuery late = RecordingQuery.all().roomId("room-7").overdueOnly(true).page(0, 20);
 * }</pre>
 *
 * @param bizId       only this {@code BizID}
 * @param taskId      only this {@code TaskID}
 * @param roomId      only this {@code RoomID}
 * @param userId      only this {@code UserID}
 * @param state       only files in this state
 * @param overdueOnly only files overdue in their state
 * @param from        only files whose latest callback was processed at or after this instant
 * @param to          only files whose latest callback was processed before this instant
 * @param page        the page, from 0 to {@value #MAX_PAGE}
 * @param pageSize    files per page, 1 to {@value #MAX_PAGE_SIZE}
 */
public record RecordingQuery(Long bizId, Long taskId, String roomId, String userId, RecordingFileState state,
        boolean overdueOnly, Instant from, Instant to, int page, int pageSize) {

    /** The largest page. */
    public static final int MAX_PAGE_SIZE = 500;
    /**
     * The last page a query may ask for: 1 000 pages, newest first. A page is read by skipping the
     * ones before it, so a page number without a bound would have the database read its whole
     * table; to reach older files, narrow the filters (a time range) instead.
     */
    public static final int MAX_PAGE = 999;
    /** The page size of {@link #all()}. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    public RecordingQuery {
        if (page < 0 || page > MAX_PAGE) {
            throw new IllegalArgumentException("page must be from 0 to " + MAX_PAGE + ", not " + page);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be from 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
    }

    /**
     * Every file, the first page of {@value #DEFAULT_PAGE_SIZE}.
     *
     * @return the query
     */
    public static RecordingQuery all() {
        return new RecordingQuery(null, null, null, null, null, false, null, null, 0, DEFAULT_PAGE_SIZE);
    }

    public RecordingQuery bizId(long value) {
        return new RecordingQuery(value, taskId, roomId, userId, state, overdueOnly, from, to, page, pageSize);
    }

    public RecordingQuery taskId(long value) {
        return new RecordingQuery(bizId, value, roomId, userId, state, overdueOnly, from, to, page, pageSize);
    }

    public RecordingQuery roomId(String value) {
        return new RecordingQuery(bizId, taskId, value, userId, state, overdueOnly, from, to, page, pageSize);
    }

    public RecordingQuery userId(String value) {
        return new RecordingQuery(bizId, taskId, roomId, value, state, overdueOnly, from, to, page, pageSize);
    }

    public RecordingQuery state(RecordingFileState value) {
        return new RecordingQuery(bizId, taskId, roomId, userId, value, overdueOnly, from, to, page, pageSize);
    }

    public RecordingQuery overdueOnly(boolean value) {
        return new RecordingQuery(bizId, taskId, roomId, userId, state, value, from, to, page, pageSize);
    }

    /**
     * Only files whose latest callback was processed in {@code [from, to)}; either may be
     * {@code null} for no bound.
     *
     * @param from the first instant included
     * @param to   the first instant excluded
     * @return the narrowed query
     */
    public RecordingQuery lastBetween(Instant from, Instant to) {
        return new RecordingQuery(bizId, taskId, roomId, userId, state, overdueOnly, from, to, page, pageSize);
    }

    public RecordingQuery page(int number, int size) {
        return new RecordingQuery(bizId, taskId, roomId, userId, state, overdueOnly, from, to, number, size);
    }

    /**
     * Whether a file passes every filter.
     *
     * @param file a file
     * @return {@code true} when it matches
     */
    public boolean matches(RecordingFile file) {
        return matchesAllButState(file) && (state == null || state == file.state())
                && (!overdueOnly || file.overdue());
    }

    /**
     * Whether a file passes the filters other than its state and overdue: a task matches when one
     * of its files does, and the state filters then ask for such a file in the task.
     */
    boolean matchesAllButState(RecordingFile file) {
        Instant last = file.lastAt();
        return (bizId == null || bizId == file.bizId())
                && (taskId == null || taskId == file.taskId())
                && (roomId == null || roomId.equals(file.roomId()))
                && (userId == null || userId.equals(file.userId()))
                && (from == null || !last.isBefore(from))
                && (to == null || last.isBefore(to));
    }
}

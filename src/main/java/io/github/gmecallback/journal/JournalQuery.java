package io.github.gmecallback.journal;

import java.time.Instant;

/**
 * Which journal entries to find, and which page of them, newest first. Start from {@link #all()}
 * and narrow it; every filter left {@code null} matches everything:
 * <pre>{@code
 * JournalQuery query = JournalQuery.all().taskId(446946705284000000L).outcome(Outcome.FAILED).page(0, 20);
 * }</pre>
 *
 * @param bizId     only this {@code BizID}
 * @param taskId    only this {@code TaskID}
 * @param userId    only this {@code UserID}
 * @param roomId    only this {@code RoomID}
 * @param eventType only this {@code EventType}
 * @param outcome   only this outcome
 * @param from      only entries received at or after this instant
 * @param to        only entries received before this instant
 * @param replayed  only entries replayed since ({@code true}) or not ({@code false}); a replayed
 *                  {@link Outcome#DEAD} entry is off the dead-letter list
 * @param beforeId  only entries older than this one (a smaller id): the next page of a keyset
 *                  walk, which a table changing meanwhile cannot make skip or repeat an entry
 * @param page      the page, from 0 to {@value #MAX_PAGE}
 * @param pageSize  entries per page, 1 to {@value #MAX_PAGE_SIZE}
 */
public record JournalQuery(Long bizId, Long taskId, String userId, String roomId, Integer eventType, Outcome outcome,
        Instant from, Instant to, Boolean replayed, Long beforeId, int page, int pageSize) {

    /** The largest page. */
    public static final int MAX_PAGE_SIZE = 500;
    /**
     * The last page a query may ask for: 1 000 pages, newest first. A page is read by skipping the
     * ones before it, so a page number without a bound would have the database read its whole
     * table; to reach older entries, narrow the filters (a time range) instead.
     */
    public static final int MAX_PAGE = 999;
    /** The page size of {@link #all()}. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    public JournalQuery {
        if (page < 0 || page > MAX_PAGE) {
            throw new IllegalArgumentException("page must be from 0 to " + MAX_PAGE + ", not " + page);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be from 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
    }

    /**
     * Every entry, the first page of {@value #DEFAULT_PAGE_SIZE}.
     *
     * @return the query
     */
    public static JournalQuery all() {
        return new JournalQuery(null, null, null, null, null, null, null, null, null, null, 0, DEFAULT_PAGE_SIZE);
    }

    public JournalQuery bizId(long value) {
        return new JournalQuery(value, taskId, userId, roomId, eventType, outcome,
                from, to, replayed, beforeId, page, pageSize);
    }

    public JournalQuery taskId(long value) {
        return new JournalQuery(bizId, value, userId, roomId, eventType, outcome,
                from, to, replayed, beforeId, page, pageSize);
    }

    public JournalQuery userId(String value) {
        return new JournalQuery(bizId, taskId, value, roomId, eventType, outcome,
                from, to, replayed, beforeId, page, pageSize);
    }

    public JournalQuery roomId(String value) {
        return new JournalQuery(bizId, taskId, userId, value, eventType, outcome,
                from, to, replayed, beforeId, page, pageSize);
    }

    public JournalQuery eventType(int value) {
        return new JournalQuery(bizId, taskId, userId, roomId, value, outcome,
                from, to, replayed, beforeId, page, pageSize);
    }

    public JournalQuery outcome(Outcome value) {
        return new JournalQuery(bizId, taskId, userId, roomId, eventType, value,
                from, to, replayed, beforeId, page, pageSize);
    }

    /**
     * Only entries received in {@code [from, to)}; either may be {@code null} for no bound.
     *
     * @param from the first instant included
     * @param to   the first instant excluded
     * @return the narrowed query
     */
    public JournalQuery receivedBetween(Instant from, Instant to) {
        return new JournalQuery(bizId, taskId, userId, roomId, eventType, outcome,
                from, to, replayed, beforeId, page, pageSize);
    }

    /**
     * Only entries replayed since, or only those not replayed.
     *
     * @param value {@code true} for replayed ones, {@code false} for the others
     * @return the narrowed query
     */
    public JournalQuery replayed(boolean value) {
        return new JournalQuery(bizId, taskId, userId, roomId, eventType, outcome, from, to, value, beforeId, page,
                pageSize);
    }

    /**
     * Only entries older than one: the page after the one that ended with it, newest first.
     *
     * @param id the last entry of the page before
     * @return the narrowed query
     */
    public JournalQuery before(long id) {
        return new JournalQuery(bizId, taskId, userId, roomId, eventType, outcome, from, to, replayed, id, page,
                pageSize);
    }

    public JournalQuery page(int number, int size) {
        return new JournalQuery(bizId, taskId, userId, roomId, eventType, outcome,
                from, to, replayed, beforeId, number, size);
    }

    /**
     * Whether an entry passes every filter.
     *
     * @param entry a journal entry
     * @return {@code true} when it matches
     */
    public boolean matches(JournalEntry entry) {
        return (bizId == null || bizId == entry.bizId())
                && (taskId == null || taskId == entry.taskId())
                && (userId == null || userId.equals(entry.userId()))
                && (roomId == null || roomId.equals(entry.roomId()))
                && (eventType == null || eventType == entry.eventType())
                && (outcome == null || outcome == entry.outcome())
                && (from == null || !entry.receivedAt().isBefore(from))
                && (to == null || entry.receivedAt().isBefore(to))
                && (replayed == null || replayed == (entry.history().replayedBy() != null))
                && (beforeId == null || entry.id() < beforeId);
    }
}

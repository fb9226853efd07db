package io.github.gmecallback.journal;

import java.time.Instant;

/**
 * What happened to a journal entry after it was journaled, beyond its outcome: the replays that
 * link it to others, and the repeats GME sent of it.
 *
 * <p>Replaying an entry marks it replayed, with its newest replay's id, and the replay names the
 * entry it replays: the console links both ways. A replayed {@link Outcome#DEAD} entry leaves the
 * dead-letter list, and bulk replay never takes it again, so a double click, a retried request or
 * two operators cannot multiply a callback's effects; a replay that dies is the callback's one
 * dead letter. A repeat of an {@code inbox} callback the journal holds is counted here rather
 * than stored with its body again, so a storm of one captured callback leaves one row.
 *
 * @param replayOf     the entry this one replays; {@code null} unless it is a replay
 * @param replayedBy   the newest replay of this entry; {@code null} if it was never replayed
 * @param repeats      how many repeats of this callback came after it
 * @param lastRepeatAt when the latest repeat came; {@code null} when none did
 */
public record EntryHistory(Long replayOf, Long replayedBy, int repeats, Instant lastRepeatAt) {

    /** A new entry's: no replay, no repeat. */
    public static final EntryHistory NONE = new EntryHistory(null, null, 0, null);

    /**
     * The history of a replay.
     *
     * @param original the entry it replays
     * @return its history
     */
    public static EntryHistory replayOf(long original) {
        return new EntryHistory(original, null, 0, null);
    }

    /**
     * This history, replayed since by another entry.
     *
     * @param replay the newest replay
     * @return the history
     */
    public EntryHistory replayedBy(long replay) {
        return new EntryHistory(replayOf, replay, repeats, lastRepeatAt);
    }

    /**
     * This history, with one more repeat.
     *
     * @param at when the repeat came
     * @return the history
     */
    public EntryHistory repeatedAt(Instant at) {
        return new EntryHistory(replayOf, replayedBy, repeats + 1, at);
    }
}

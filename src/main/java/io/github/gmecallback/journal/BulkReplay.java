package io.github.gmecallback.journal;

import java.util.List;
import java.util.Map;

/**
 * What one {@link CallbackJournal#replayAll bulk replay} did: the replays it made, the entries it
 * could not replay, and whether the filter matched more than one bulk replay takes (then run it
 * again, or narrow the filter: the entries replayed match it still, as a replay leaves its original
 * as it was).
 *
 * @param replays the replays' own entries, in the order they were made (the oldest original first)
 * @param refused the entries not replayed, by id, each with why (a signature that no longer
 *                verifies with the keys configured now, bytes that no longer bind)
 * @param more    whether more entries match than were taken
 */
public record BulkReplay(List<JournalEntry> replays, Map<Long, String> refused, boolean more) {

    /** Immutable copies. */
    public BulkReplay {
        replays = List.copyOf(replays);
        refused = Map.copyOf(refused);
    }
}

package io.github.gmecallback.journal;

import java.util.List;
import java.util.Map;

/**
 * What one {@link CallbackJournal#replayAll bulk replay} did: the replays it made, the entries it
 * could not replay, how many it found replayed already, and whether more dead letters match than
 * one bulk replay takes (then run it again: the entries replayed have left the list).
 *
 * @param replays         the replays' own entries, in the order they were made (the oldest
 *                        original first)
 * @param refused         the entries not replayed, by id, each with why (a signature that no longer
 *                        verifies with the keys configured now, bytes that no longer bind)
 * @param alreadyReplayed how many dead letters matching the filters were replayed before (by an
 *                        earlier request, or by one racing this one), at most
 *                        {@value CallbackJournal#MAX_BULK_REPLAY}; counted where nothing was left
 *                        to replay, so that a request sent twice says why it replayed nothing
 * @param more            whether more entries match than were taken
 */
public record BulkReplay(List<JournalEntry> replays, Map<Long, String> refused, int alreadyReplayed, boolean more) {

    /** Immutable copies. */
    public BulkReplay {
        replays = List.copyOf(replays);
        refused = Map.copyOf(refused);
    }
}

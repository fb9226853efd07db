package io.github.gmecallback.journal;

import io.github.gmecallback.recording.RefusalReason;
import java.util.List;
import java.util.Map;

/**
 * What this server has counted since it started: outcomes of journaled callbacks, refusals per
 * reason, and the newest refusals.
 *
 * @param processed        callbacks every synchronous observer returned for
 * @param duplicates       repeats of callbacks processed before
 * @param failed           callbacks that were not processed (an observer threw, or the store was
 *                         unreachable)
 * @param dead             callbacks given up on
 * @param storeUnavailable verified callbacks answered 503 because a store could not be reached and
 *                         the journal could not record them either
 * @param refused          refusals per reason
 * @param newestRefusals   the newest refusals, newest first, at most {@value Tally#NEWEST_REFUSALS}
 */
public record JournalCounters(long processed, long duplicates, long failed, long dead, long storeUnavailable,
        Map<RefusalReason, Long> refused, List<RefusalRecord> newestRefusals) {

    public JournalCounters {
        refused = Map.copyOf(refused);
        newestRefusals = List.copyOf(newestRefusals);
    }
}

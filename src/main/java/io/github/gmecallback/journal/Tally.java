package io.github.gmecallback.journal;

import io.github.gmecallback.recording.RefusalReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * This server's counters, in memory: outcomes, refusals per reason, and the newest
 * {@value #NEWEST_REFUSALS} refusals. Never written to a database, never holding a body.
 */
final class Tally {

    static final int NEWEST_REFUSALS = 100;

    private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
    private final Map<RefusalReason, LongAdder> refused = new EnumMap<>(RefusalReason.class);
    private final LongAdder storeUnavailable = new LongAdder();
    private final Deque<RefusalRecord> newest = new ArrayDeque<>(NEWEST_REFUSALS);

    Tally() {
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
        for (RefusalReason reason : RefusalReason.values()) {
            refused.put(reason, new LongAdder());
        }
    }

    void settled(Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    void storeUnavailable() {
        storeUnavailable.increment();
    }

    void refused(RefusalRecord refusal) {
        refused.get(refusal.reason()).increment();
        synchronized (newest) {
            if (newest.size() == NEWEST_REFUSALS) {
                newest.removeLast();
            }
            newest.addFirst(refusal);
        }
    }

    JournalCounters counters() {
        Map<RefusalReason, Long> byReason = new EnumMap<>(RefusalReason.class);
        refused.forEach((reason, count) -> byReason.put(reason, count.sum()));
        List<RefusalRecord> refusals;
        synchronized (newest) {
            refusals = new ArrayList<>(newest);
        }
        return new JournalCounters(outcomes.get(Outcome.PROCESSED).sum(), outcomes.get(Outcome.DUPLICATE).sum(),
                outcomes.get(Outcome.FAILED).sum(), outcomes.get(Outcome.DEAD).sum(), storeUnavailable.sum(),
                byReason, refusals);
    }
}

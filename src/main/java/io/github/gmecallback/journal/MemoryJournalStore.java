package io.github.gmecallback.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The newest entries of this server, in memory: past its size, the oldest entry goes.
 *
 * <p>Cost: the body's bytes plus about 233 bytes per entry (465 bytes for a callback like the
 * documentation's example, measured by {@code MemoryJournalStoreFootprint} in the tests on JDK 17),
 * so the default 1 000 entries hold about half a megabyte.
 */
final class MemoryJournalStore implements JournalStore {

    private final int size;
    /** By id: ids grow in the order of receipt, so the first entries are the oldest. */
    private final ConcurrentNavigableMap<Long, JournalEntry> entries = new ConcurrentSkipListMap<>();
    private final AtomicLong lastId = new AtomicLong();
    /** The entries held: kept apart, as the map counts by walking all of them. */
    private final AtomicInteger held = new AtomicInteger();

    MemoryJournalStore(int size) {
        this.size = size;
    }

    /** Lock-free: every request journals, and none should wait for another to do so. */
    @Override
    public JournalEntry append(JournalEntry entry) {
        long id = lastId.incrementAndGet();
        JournalEntry numbered = entry.numbered(id);
        entries.put(id, numbered);
        // The oldest go, by count rather than by id: a repeat folded into its original frees its id.
        held.incrementAndGet();
        while (held.get() > size && entries.pollFirstEntry() != null) {
            held.decrementAndGet();
        }
        return numbered;
    }

    @Override
    public void update(JournalEntry entry) {
        // The history (replays, repeats) is the store's own: a settlement carries the one it read.
        entries.computeIfPresent(entry.id(), (id, old) -> entry.with(old.history()));
    }

    @Override
    public boolean repeated(JournalEntry repeat) {
        for (JournalEntry entry : entries.headMap(repeat.id(), false).descendingMap().values()) {
            if (entry.outcome() == Outcome.PROCESSED && !entry.replay() && sameCallback(entry, repeat)
                    && entries.computeIfPresent(entry.id(),
                            (id, old) -> old.with(old.history().repeatedAt(repeat.receivedAt()))) != null) {
                if (entries.remove(repeat.id()) != null) {
                    held.decrementAndGet();
                }
                return true;
            }
        }
        return false;
    }

    private static boolean sameCallback(JournalEntry a, JournalEntry b) {
        return a.bizId() == b.bizId() && a.taskId() == b.taskId() && a.recordMode() == b.recordMode()
                && a.userId().equals(b.userId()) && a.eventType() == b.eventType() && a.seqNo() == b.seqNo();
    }

    @Override
    public boolean markReplayed(long original, long replay, boolean unlessReplayed) {
        boolean[] marked = {false};
        // The map may apply this more than once, racing another: the last application is the one kept.
        entries.computeIfPresent(original, (id, old) -> {
            marked[0] = !unlessReplayed || old.history().replayedBy() == null;
            if (!marked[0]) {
                return old;
            }
            return old.with(old.history().replayedBy(replay));
        });
        return marked[0];
    }

    @Override
    public JournalPage find(JournalQuery query) {
        List<JournalEntry> page = new ArrayList<>(query.pageSize());
        long skip = (long) query.page() * query.pageSize();
        for (JournalEntry entry : entries.descendingMap().values()) {
            if (!query.matches(entry)) {
                continue;
            }
            if (skip > 0) {
                skip--;
            } else if (page.size() < query.pageSize()) {
                page.add(entry);
            } else {
                return new JournalPage(page, query.page(), query.pageSize(), true);
            }
        }
        return new JournalPage(page, query.page(), query.pageSize(), false);
    }

    @Override
    public Optional<JournalEntry> get(long id) {
        return Optional.ofNullable(entries.get(id));
    }

    int size() {
        return entries.size();
    }
}

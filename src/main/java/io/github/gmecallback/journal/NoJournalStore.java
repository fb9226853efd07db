package io.github.gmecallback.journal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** {@code journal.store=none}: entries are numbered and forgotten; only the counters remain. */
final class NoJournalStore implements JournalStore {

    private final AtomicLong lastId = new AtomicLong();

    @Override
    public boolean repeated(JournalEntry repeat) {
        return false;
    }

    @Override
    public boolean markReplayed(long original, long replay, boolean unlessReplayed) {
        return false;
    }

    @Override
    public JournalEntry append(JournalEntry entry) {
        return entry.numbered(lastId.incrementAndGet());
    }

    @Override
    public void update(JournalEntry entry) {
        // nothing is kept
    }

    @Override
    public JournalPage find(JournalQuery query) {
        return new JournalPage(List.of(), query.page(), query.pageSize(), false);
    }

    @Override
    public Optional<JournalEntry> get(long id) {
        return Optional.empty();
    }
}
